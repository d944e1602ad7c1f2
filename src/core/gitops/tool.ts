// What trunk-init knows of a GitOps tool: how it reads tag names as versions (so `trunk env` resolves a range as the
// tool will), and the pointer manifests that make each environment follow its ref. One file a tool in tools/, one
// line each in registry.ts. The files are serialized, headed and placed under gitops.output/<id>/ by
// environments/manifests.ts, so a tool only says what goes in them.
import type { App } from '../environments/layout.js';
import type { Environment, GitopsSettings } from '../environments/model.js';
import type { Spec } from '../environments/resolve.js';
import type { TagReader } from '../versioning/tool-version.js';

/** What a tool's pointer files are built from. */
export interface PointerInput {
  /** The repository's name (an Argo CD root app's, a Flux ssh secret's). */
  app: string;
  /** The apps, each with one object per environment (`<app>-<env>`). */
  apps: readonly App[];
  repoUrl: string;
  trunk: string;
  gitops: GitopsSettings;
  /** Where the files go, from the repository's root: gitops.output/<id>. */
  dir: string;
  /** The environments with a ref to point at, in promotion order. */
  environments: readonly PointerEnv[];
}

/** An environment with a ref to point at. */
export interface PointerEnv {
  env: Environment;
  spec: Exclude<Spec, { kind: 'none' }>;
  /** What it tracks, as `trunk env` shows it (describeTrack): its objects' trunk-init/track annotation. */
  track: string;
}

/** One pointer file: its path under `dir`, the notes its header gives, and its YAML documents. */
export interface Pointer {
  path: string;
  notes: string[];
  documents: object[];
}

export interface GitopsTool extends TagReader {
  /** gitops.tool, --gitops and --tool, and the directory under gitops.output its files go to. */
  id: string;
  /** Every pointer file, in a stable order: the same input gives the same files. */
  pointers(input: PointerInput): Pointer[];
  /** The top-level directory where this tool's own setup often lives, and what it may hold: named when found there. */
  setupDir: { dir: string; guess: string };
  /**
   * Whether it reads a directory of plain YAML (no kustomization) with its subdirectories, as `trunk env diff`
   * renders it: Flux does; Argo CD reads the top level only (its directory.recurse is off by default).
   */
  readsSubdirectories: boolean;
}

/** The labels and annotations every object for an app in an environment carries. */
export function objectLabels(app: App, env: Environment, track: string) {
  return {
    labels: { 'app.kubernetes.io/name': app.name, 'trunk-init/env': env.name },
    annotations: { 'trunk-init/track': track },
  };
}
