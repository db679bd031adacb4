import { readFileSync } from 'fs';
import { Agent, request } from 'https';

/** A response from the API server: status, parsed body and every `Warning` header it sent. */
export interface KubeResponse {
  readonly status: number;
  readonly body: any;
  readonly warnings: string[];
}

/** The group, version and resource an `apiVersion` + `kind` is served at. */
export interface ResourceInfo {
  readonly path: string;
  readonly resource: string;
  readonly namespaced: boolean;
}

/**
 * The least client the suite needs, speaking to the API server with the admin client
 * certificate: plain HTTPS, so nothing of kubectl's own defaulting or client-side checks stands
 * between the manifests and the server.
 */
export class KubeClient {
  private readonly agent: Agent;
  private readonly base: URL;
  private resources = new Map<string, ResourceInfo>();

  constructor(url: string, ca: string, cert: string, key: string) {
    this.base = new URL(url);
    this.agent = new Agent({ ca: readFileSync(ca), cert: readFileSync(cert), key: readFileSync(key), keepAlive: true });
  }

  public request(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<KubeResponse> {
    const payload = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = request({
        host: this.base.hostname,
        port: this.base.port,
        path,
        method,
        agent: this.agent,
        headers: {
          Accept: 'application/json',
          ...payload ? { 'Content-Type': contentType, 'Content-Length': payload.length } : {},
        },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: any = text;
          try { parsed = text ? JSON.parse(text) : undefined; } catch { /* keep the text */ }
          const header = res.headers.warning;
          const warnings = header === undefined ? [] : splitWarnings(Array.isArray(header) ? header.join(', ') : header);
          resolve({ status: res.statusCode ?? 0, body: parsed, warnings });
        });
      });
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  }

  public async get(path: string): Promise<any> {
    const res = await this.request('GET', path);
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${describeStatus(res.body)}`);
    return res.body;
  }

  /** Reads discovery afresh: which resource, and whether namespaced, serves each kind. */
  public async discover(): Promise<void> {
    const resources = new Map<string, ResourceInfo>();
    const versions: string[] = [];
    for (const v of (await this.get('/api')).versions) versions.push(`/api/${v}`);
    for (const g of (await this.get('/apis')).groups) for (const v of g.versions) versions.push(`/apis/${v.groupVersion}`);
    for (const path of versions) {
      const list = await this.get(path);
      for (const r of list.resources) {
        if (r.name.includes('/')) continue; // subresources
        resources.set(`${list.groupVersion}/${r.kind}`, { path, resource: r.name, namespaced: r.namespaced });
      }
    }
    this.resources = resources;
  }

  public resourceOf(apiVersion: string, kind: string): ResourceInfo | undefined {
    return this.resources.get(`${apiVersion}/${kind}`);
  }

  /** The collection path of objects of this kind, in `namespace` when it is namespaced. */
  public collectionPath(apiVersion: string, kind: string, namespace?: string): string {
    const info = this.resourceOf(apiVersion, kind);
    if (!info) throw new Error(`the API server serves no ${kind} in ${apiVersion}`);
    return info.namespaced ? `${info.path}/namespaces/${namespace ?? 'default'}/${info.resource}` : `${info.path}/${info.resource}`;
  }

  /**
   * Server-side apply with strict field validation: unknown or duplicate fields are rejected
   * instead of being dropped with a warning.
   */
  public apply(obj: any, dryRun: boolean): Promise<KubeResponse> {
    const path = `${this.collectionPath(obj.apiVersion, obj.kind, obj.metadata.namespace)}/${encodeURIComponent(obj.metadata.name)}`;
    const query = `fieldManager=paved-conformance&fieldValidation=Strict&force=true${dryRun ? '&dryRun=All' : ''}`;
    return this.request('PATCH', `${path}?${query}`, obj, 'application/apply-patch+yaml');
  }
}

/** Splits a `Warning` header (RFC 7234: `299 - "text"`, comma-joined) into its texts. */
export function splitWarnings(header: string): string[] {
  const out: string[] = [];
  const re = /\d{3}\s+\S+\s+"((?:[^"\\]|\\.)*)"/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(header)) !== null) out.push(m[1].replace(/\\(.)/g, '$1'));
  return out.length ? out : [header];
}

/** The message of a Status body, or the body itself. */
export function describeStatus(body: any): string {
  if (body && typeof body === 'object' && body.kind === 'Status') return body.message ?? JSON.stringify(body);
  return typeof body === 'string' ? body.slice(0, 500) : JSON.stringify(body).slice(0, 500);
}
