/** Where one service of a preview answers. */
export interface PreviewUrl {
  /** The service's name. */
  readonly service: string;
  /** Its https address in the preview. */
  readonly url: string;
}
