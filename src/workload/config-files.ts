import { createHash } from 'crypto';
import { ApiObjectMetadataDefinition } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { overlaps, requireMountPath } from './mount-paths';
import { compareStrings } from '../compare';
import { PavedError } from '../errors';
import { show } from '../validate';

/**
 * The pod template annotation holding a digest of the files: a change of any file changes the
 * template, so it rolls out (through the canary, when there is one) like a change of code, and
 * no pod keeps reading a file that no longer matches the manifests.
 */
export const CONFIG_FILES_DIGEST_ANNOTATION = 'paved.dev/config-files-sha256';

/**
 * The most the files may hold together, counted as the JSON the ConfigMap is sent as. The API
 * server takes 1 MiB, but Argo CD's default (client-side) apply copies the whole object into
 * the `last-applied-configuration` annotation, and a object's annotations may hold 256 KiB:
 * this leaves room for its name, labels and other annotations. A larger file belongs in the image.
 */
export const MAX_CONFIG_FILES_BYTES = 200 * 1024;

/** File mode of every file: readable by the pod's user and group, writable by no one. */
const READ_ONLY_MODE = 0o444;
/** A ConfigMap key: at most 253 of these characters, neither `.` nor `..`, not starting with `..`. */
const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]{1,253}$/;

/** One file of a workload, as it is mounted. */
export interface ConfigFile {
  /** Where the container sees it. */
  readonly path: string;
  /** Its key in the ConfigMap: the file's name, with a digest of its path when two files share a name. */
  readonly key: string;
  readonly content: string;
}

/** A workload's files, validated. */
export interface ResolvedConfigFiles {
  /** The ConfigMap's name: `<workload>-files`. */
  readonly name: string;
  /** Every file, by path. */
  readonly files: ConfigFile[];
  /** SHA-256 of the paths and contents, for `CONFIG_FILES_DIGEST_ANNOTATION`. */
  readonly digest: string;
}

/** The parts of a workload its files are mounted into. */
export interface ConfigFilesTarget {
  /** The ConfigMap's labels: the workload's own. */
  readonly labels: { [key: string]: string };
  readonly container: kplus.Container;
  /** The pod template's metadata, which gets the digest annotation. */
  readonly podMetadata: ApiObjectMetadataDefinition;
}

/** The ConfigMap of a workload named `workload`. */
export function configFilesName(workload: string): string {
  return `${workload}-files`;
}

/**
 * Checks a workload's `files` (absolute path → content) where they enter; nothing when there
 * are no files. The ConfigMap's name is claimed with the workload's (`claimWorkload`).
 *
 * @param path the workload's construct path, for errors
 * @param workload the workload's name
 */
export function resolveConfigFiles(path: string, workload: string, files: unknown): ResolvedConfigFiles | undefined {
  if (files === undefined) return undefined;
  if (files === null || typeof files !== 'object' || ![Object.prototype, null].includes(Object.getPrototypeOf(files))) {
    throw new PavedError(path, `files (${kindOf(files)}) must be a map of absolute paths to file contents, e.g. { "/etc/app/config.yaml": "..." }`);
  }
  const paths = Object.keys(files).sort(compareStrings);
  if (paths.length === 0) return undefined;
  for (const file of paths) {
    requireMountPath(path, 'files key', file);
    const content = (files as { [p: string]: unknown })[file];
    // The content is never quoted: a file may hold anything, and errors go to CI logs.
    if (typeof content !== 'string') {
      throw new PavedError(path, `files[${show(file)}] (${kindOf(content)}) must be the file's contents, a string`);
    }
  }
  for (const [i, a] of paths.entries()) {
    const inside = paths.slice(i + 1).find((b) => overlaps(a, b));
    if (inside !== undefined) {
      throw new PavedError(path, `files key ${show(inside)} lies inside files key ${show(a)}, which is a file: a path cannot be both`);
    }
  }

  const byName = new Map<string, number>();
  for (const file of paths) byName.set(baseName(file), (byName.get(baseName(file)) ?? 0) + 1);
  const configFiles = paths.map((file): ConfigFile => {
    const base = baseName(file);
    const key = byName.get(base)! > 1 ? `${base.slice(0, 244)}-${sha256(file).slice(0, 8)}` : base;
    return { path: file, key, content: (files as { [p: string]: string })[file] };
  });
  for (const { path: file, key } of configFiles) {
    if (!CONFIG_MAP_KEY.test(key) || key.startsWith('..')) {
      throw new PavedError(path, `files key ${show(file)} names a file ${show(key)} a ConfigMap cannot hold: the name must not start with ".."`);
    }
  }
  const keys = new Set(configFiles.map((f) => f.key));
  if (keys.size !== configFiles.length) {
    throw new PavedError(path, `files: two files map to one ConfigMap key (${configFiles.map((f) => f.key).join(', ')}); rename one of them`);
  }

  const data = Object.fromEntries(configFiles.map((f) => [f.key, f.content]));
  const bytes = Buffer.byteLength(JSON.stringify(data), 'utf8');
  if (bytes > MAX_CONFIG_FILES_BYTES) {
    throw new PavedError(path, `files hold ${bytes} bytes (as JSON), more than ${MAX_CONFIG_FILES_BYTES}: a ConfigMap applied by Argo CD is copied whole into a 256 KiB annotation; build large files into the image`);
  }

  const name = configFilesName(workload);
  const digest = sha256(JSON.stringify(configFiles.map((f) => [f.path, f.content])));
  return { name, files: configFiles, digest };
}

/**
 * Writes the workload's ConfigMap and mounts each file read-only at its path (a `subPath` mount,
 * so the rest of its directory stays as the image has it), and annotates the pod template with
 * their digest.
 */
export function addConfigFiles(scope: Construct, target: ConfigFilesTarget, resolved: ResolvedConfigFiles): kplus.ConfigMap {
  const configMap = new kplus.ConfigMap(scope, 'FilesConfigMap', {
    metadata: { name: resolved.name, labels: target.labels },
    data: Object.fromEntries(resolved.files.map((f) => [f.key, f.content])),
  });
  const volume = kplus.Volume.fromConfigMap(scope, 'FilesVolume', configMap, { name: 'files', defaultMode: READ_ONLY_MODE });
  for (const file of resolved.files) target.container.mount(file.path, volume, { subPath: file.key, readOnly: true });
  target.podMetadata.addAnnotation(CONFIG_FILES_DIGEST_ANNOTATION, resolved.digest);
  return configMap;
}

function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** What was passed, named without its value. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
