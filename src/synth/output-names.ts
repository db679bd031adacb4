/**
 * The names Paved gives its own files in the output folder, in one place: the writers use them,
 * and a synth uses them to tell Paved's files from everyone else's (`staged-output.ts`).
 */

/**
 * Reports go in a folder of their own beside the manifests: GitOps tools that apply every
 * `.json` file of the manifest folder (Argo CD directory apps do) would try to apply a report.
 */
export const REPORTS_DIRECTORY = 'paved-reports';

/**
 * The catalog goes in a folder of its own: a GitOps tool applying the manifest folder would try
 * to apply `backstage.io` entities, and Backstage reads a catalog file by its location anyway.
 */
export const CATALOG_DIRECTORY = 'catalog';
/** The catalog's file name, in `CATALOG_DIRECTORY`. */
export const CATALOG_FILE = 'catalog-info.yaml';

/**
 * The list of every file the last successful synth wrote (a `/`-separated path in the output
 * folder): what the next synth may replace or remove, and nothing else. Beside the reports, out
 * of the way of tools that apply every `.json` file of the manifest folder.
 */
export const OUTPUT_LIST_FILE = `${REPORTS_DIRECTORY}/paved-output.json`;
