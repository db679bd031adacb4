import { Duration } from 'cdk8s';
import { Errors } from '../../src/errors';
import { formatTtl } from '../../src/platform/preview-settings';
import { errorOf } from '../support/errors';
import { testPlatform } from '../support/fixtures';

describe('preview settings', () => {
  test('default to hosts under preview.<domain>, a 7-day TTL and at most 14 days', () => {
    const previews = testPlatform().previews;
    expect(previews.domain).toBe('preview.apps.acme.dev');
    expect(previews.defaultTtl.toDays()).toBe(7);
    expect(previews.maxTtl.toDays()).toBe(14);
  });

  test('a platform maximum below 7 days becomes the default too', () => {
    expect(testPlatform({ previews: { maxTtl: Duration.days(3) } }).previews.defaultTtl.toDays()).toBe(3);
  });

  test('TTLs are written in the largest whole unit kube-janitor reads, up to days', () => {
    expect(formatTtl(Duration.days(7))).toBe('7d');
    expect(formatTtl(Duration.hours(36))).toBe('36h');
    expect(formatTtl(Duration.minutes(90))).toBe('90m');
    expect(formatTtl(Duration.hours(48))).toBe('2d');
  });

  test.each([
    ['a preview domain outside the platform domain', { domain: 'preview.example.com' }, 'Platform(acme): previews.domain "preview.example.com" must be within the platform domain apps.acme.dev'],
    ['a preview domain that is not a DNS name', { domain: 'Preview.apps.acme.dev' }, 'previews.domain "Preview.apps.acme.dev" must be a lower-case DNS name'],
    ['a default TTL over the maximum', { defaultTtl: Duration.days(10), maxTtl: Duration.days(5) }, 'previews.defaultTtl (10d) must not exceed previews.maxTtl (5d)'],
    ['a maximum TTL of seconds', { maxTtl: Duration.seconds(90) }, 'previews.maxTtl (90s) must be a Duration of whole minutes, at least Duration.minutes(1)'],
  ])('the platform rejects %s', (_what, previews, message) => {
    const error = errorOf(() => testPlatform({ previews }));
    expect(Errors.isPavedError(error)).toBe(true);
    expect(error.message).toContain(message);
  });
});
