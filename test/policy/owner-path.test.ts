import { ApiObject, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ownerPath } from '../../src/policy/owner-path';

describe('ownerPath', () => {
  test('skips the cdk8s-plus wrapper and its Resource: the team\'s construct owns the object', () => {
    const chart = Testing.chart();
    const service = new Construct(chart, 'orders-api');
    const deployment = new kplus.Deployment(service, 'Deployment', { containers: [{ image: 'x' }] });

    expect(ApiObject.of(deployment).node.path).toBe('test/orders-api/Deployment/Resource');
    expect(ownerPath(ApiObject.of(deployment))).toBe('test/orders-api');
  });

  test('skips any construct that wraps its object as apiObject', () => {
    class Wrapper extends Construct {
      public readonly apiObject: ApiObject;
      constructor(scope: Construct, id: string) {
        super(scope, id);
        this.apiObject = new ApiObject(this, 'Resource', { apiVersion: 'v1', kind: 'ConfigMap' });
      }
    }
    const chart = Testing.chart();
    const wrapper = new Wrapper(new Construct(chart, 'svc'), 'NetworkPolicy');

    expect(ownerPath(wrapper.apiObject)).toBe('test/svc');
  });

  test('keeps a construct that merely holds objects', () => {
    const chart = Testing.chart();
    const object = new ApiObject(new Construct(chart, 'svc'), 'cm', { apiVersion: 'v1', kind: 'ConfigMap' });

    expect(ownerPath(object)).toBe('test/svc');
  });

  test('an object directly in a chart is owned by the chart', () => {
    const chart = Testing.chart();
    const object = new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap' });

    expect(ownerPath(object)).toBe('test');
  });
});
