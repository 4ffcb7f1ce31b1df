// Settings of the `plan43` section, read per resource (workspace/configuration) and cached until the configuration changes.

import * as path from 'node:path';
import { Connection } from 'vscode-languageserver/node';
import { Lang, Level, Mode } from '../core/findings';
import { LanguageSetting, Plan43Settings, SETTINGS_SECTION } from './protocol';
import { uriToPath } from './uris';

export const DEFAULT_SETTINGS: Plan43Settings = {
  language: 'auto',
  rules: {},
  submissionMode: false,
  templateFile: '',
  registryFiles: [],
  namesFiles: [],
};

/** Settings as the features use them: language decided, paths resolved, user data dropped when untrusted. */
export interface EffectiveSettings {
  lang: Lang;
  mode: Mode;
  levels: Record<string, Level>;
  /** Absolute paths of the user's data files. */
  templateFile?: string;
  registryFiles: string[];
  namesFiles: string[];
  /** Identifies these settings, for caches and diagnostic result ids. */
  key: string;
}

export interface SettingsEnvironment {
  /** The client answers workspace/configuration. */
  configurationSupport: boolean;
  /** initialize params `locale`. */
  locale?: string;
  /** False in an untrusted workspace. */
  trusted: boolean;
  /** Settings given in initializationOptions, for clients without workspace/configuration. */
  initial?: Partial<Plan43Settings>;
  /** Workspace folder URIs, most specific first when nested. */
  folders(): readonly string[];
}

const LEVELS = new Set<Level>(['error', 'warning', 'info', 'hint', 'off']);

/** Reads a raw settings object defensively: anything malformed falls back to the default. */
export function normalizeSettings(raw: unknown): Plan43Settings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const language: LanguageSetting = r.language === 'vi' || r.language === 'en' ? r.language : 'auto';
  const rules: Record<string, Level> = {};
  if (r.rules && typeof r.rules === 'object') {
    for (const [id, level] of Object.entries(r.rules as Record<string, unknown>)) {
      if (typeof level === 'string' && LEVELS.has(level as Level)) rules[id] = level as Level;
    }
  }
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : []);
  return {
    language,
    rules,
    submissionMode: r.submissionMode === true,
    templateFile: typeof r.templateFile === 'string' ? r.templateFile.trim() : '',
    registryFiles: strings(r.registryFiles),
    namesFiles: strings(r.namesFiles),
  };
}

/** vi when the display language is Vietnamese (or unknown: the drafters are Vietnamese), else en. */
export function languageFor(setting: LanguageSetting, locale: string | undefined): Lang {
  if (setting === 'vi' || setting === 'en') return setting;
  if (!locale) return 'vi';
  return locale.toLowerCase().startsWith('vi') ? 'vi' : 'en';
}

/** The workspace folder holding a resource, or the first folder. */
export function folderFor(uri: string | undefined, folders: readonly string[]): string | undefined {
  if (uri) {
    const matches = folders.filter((f) => uri === f || uri.startsWith(f.endsWith('/') ? f : `${f}/`));
    if (matches.length) return matches.sort((a, b) => b.length - a.length)[0];
  }
  return folders[0];
}

export function effectiveSettings(s: Plan43Settings, env: SettingsEnvironment, scopeUri: string | undefined): EffectiveSettings {
  const folder = folderFor(scopeUri, env.folders());
  const base = folder ? uriToPath(folder) : undefined;
  const resolve = (p: string): string | undefined => {
    if (path.isAbsolute(p)) return path.normalize(p);
    return base ? path.resolve(base, p) : undefined;
  };
  const resolved = (list: readonly string[]): string[] => list.map(resolve).filter((p): p is string => !!p);
  const out: Omit<EffectiveSettings, 'key'> = {
    lang: languageFor(s.language, env.locale),
    mode: s.submissionMode ? 'submission' : 'drafting',
    levels: { ...s.rules },
    registryFiles: env.trusted ? resolved(s.registryFiles) : [],
    namesFiles: env.trusted ? resolved(s.namesFiles) : [],
  };
  const template = env.trusted && s.templateFile ? resolve(s.templateFile) : undefined;
  if (template) out.templateFile = template;
  return { ...out, key: JSON.stringify(out) };
}

/**
 * The `plan43` section of settings given in initializationOptions: either the section itself
 * (`{ language: "en" }`) or an object holding it (`{ plan43: { language: "en" } }`), as editors
 * that send one object for both initializationOptions and workspace/configuration write it.
 */
export function sectionOf(settings: unknown): Partial<Plan43Settings> | undefined {
  if (!settings || typeof settings !== 'object') return undefined;
  const inner = (settings as Record<string, unknown>)[SETTINGS_SECTION];
  return (inner && typeof inner === 'object' ? inner : settings) as Partial<Plan43Settings>;
}

/**
 * Settings per resource, asked of the client once and kept until workspace/didChangeConfiguration
 * (vscode-eslint's habit: never a global that silently goes stale).
 */
export class SettingsCache {
  private readonly cache = new Map<string, Promise<EffectiveSettings>>();
  /** Settings pushed by didChangeConfiguration, for clients without workspace/configuration. */
  private pushed: Partial<Plan43Settings> | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly env: SettingsEnvironment,
  ) {
    this.pushed = sectionOf(env.initial);
  }

  get(scopeUri: string | undefined): Promise<EffectiveSettings> {
    const key = scopeUri ?? '';
    let entry = this.cache.get(key);
    if (!entry) {
      entry = this.read(scopeUri);
      this.cache.set(key, entry);
    }
    return entry;
  }

  /** Forgets every cached value; `settings` is the payload of didChangeConfiguration, if any. */
  clear(settings?: unknown): void {
    this.cache.clear();
    if (settings && typeof settings === 'object' && SETTINGS_SECTION in (settings as object)) {
      this.pushed = (settings as Record<string, Partial<Plan43Settings>>)[SETTINGS_SECTION];
    }
  }

  private async read(scopeUri: string | undefined): Promise<EffectiveSettings> {
    let raw: unknown = this.pushed;
    if (this.env.configurationSupport) {
      try {
        const answer: unknown = await this.connection.workspace.getConfiguration(scopeUri ? { scopeUri, section: SETTINGS_SECTION } : { section: SETTINGS_SECTION });
        // A client with nothing set for the section answers null (Neovim, eglot, Helix): the
        // settings given in initializationOptions, or pushed since, still hold.
        if (answer !== null && answer !== undefined) raw = answer;
      } catch (err) {
        this.connection.console.warn(`plan43: workspace/configuration failed: ${(err as Error).message}`);
        this.cache.delete(scopeUri ?? '');
      }
    }
    return effectiveSettings(normalizeSettings(raw ?? DEFAULT_SETTINGS), this.env, scopeUri);
  }
}
