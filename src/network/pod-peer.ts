/** A set of pods a NetworkPolicy rule names, in the same or another namespace. */
export interface PodPeer {
  readonly namespace: string;
  readonly podLabels: { [key: string]: string };
}
