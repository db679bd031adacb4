// `paved/pulumi` as a user imports it, with and without the Pulumi packages installed.

describe('paved/pulumi', () => {
  afterEach(() => {
    jest.resetModules();
    jest.dontMock('@pulumi/aws');
  });

  test('exports the cloud components', () => {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const cloud = require('paved/pulumi');
      for (const name of ['PavedCloud', 'PostgresDatabase', 'RedisCache', 'SecureBucket', 'ServiceRole', 'ConnectionSecret', 'CloudTags', 'checkCloudResource', 'PavedMocks', 'guardChildren']) {
        expect(cloud[name]).toBeDefined();
      }
    });
  });

  test('says which packages to install when @pulumi/aws is missing', () => {
    jest.doMock('@pulumi/aws', () => {
      throw Object.assign(new Error("Cannot find module '@pulumi/aws' from 'src/pulumi/index.ts'"), { code: 'MODULE_NOT_FOUND' });
    });
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      expect(() => require('paved/pulumi')).toThrow(/paved\/pulumi needs @pulumi\/aws, which is not installed\. .*npm install @pulumi\/pulumi @pulumi\/aws @pulumi\/random/);
    });
  });
});
