import { Duration } from 'cdk8s';
import { durationText } from '../src/duration-text';

describe('durationText', () => {
  test('writes the largest unit that divides the duration exactly', () => {
    expect(durationText(Duration.seconds(90))).toBe('90s');
    expect(durationText(Duration.minutes(5))).toBe('5m');
    expect(durationText(Duration.minutes(90))).toBe('90m');
    expect(durationText(Duration.hours(36))).toBe('36h');
  });

  test('writes days only when the reader takes them', () => {
    expect(durationText(Duration.days(7))).toBe('168h');
    expect(durationText(Duration.days(7), true)).toBe('7d');
    expect(durationText(Duration.hours(36), true)).toBe('36h');
  });

  test('shows what is not a whole number of seconds above zero in seconds, as it is', () => {
    expect(durationText(Duration.millis(1500))).toBe('1.5s');
    expect(durationText(Duration.seconds(0))).toBe('0s');
  });
});
