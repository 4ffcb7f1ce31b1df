// Reads the variants, document kinds and plan levels offered by "New plan" from the template data, so the client names none itself.

import * as vscode from 'vscode';
import { parse } from 'yaml';
import { VariantId } from './protocol';

/** Larger template files are not read (the server's limit is a million characters, at most 3 bytes each). */
const MAX_TEMPLATE_BYTES = 3_000_000;

export interface VariantChoice {
  id: VariantId;
  label: { vi: string; en: string };
  kinds: string[];
}

export interface LevelChoice {
  id: string;
  label: { vi: string; en: string };
  default: boolean;
}

export interface TemplateChoices {
  variants: VariantChoice[];
  /** The levels of issuing bodies the template knows (province, commune …), the default first. */
  levels: LevelChoice[];
}

interface TemplateShape {
  variants?: Record<string, { label?: { vi?: string; en?: string }; kinds?: Array<{ name?: string }> }>;
  levels?: Array<{ id?: string; label?: { vi?: string; en?: string }; default?: boolean }>;
}

/**
 * The variants and levels of the template in use: the user's template file when one is configured
 * and the workspace is trusted, else the bundled one. A template that cannot be read gives no
 * choices; the caller then asks for the kind as free text and leaves the level to the server.
 */
export async function templateChoices(extensionUri: vscode.Uri, resource: vscode.Uri | undefined): Promise<TemplateChoices> {
  const candidates: vscode.Uri[] = [];
  const configured = vscode.workspace.getConfiguration('plan43', resource).get<string>('templateFile', '').trim();
  if (configured && vscode.workspace.isTrusted) {
    const folder = (resource && vscode.workspace.getWorkspaceFolder(resource)) ?? vscode.workspace.workspaceFolders?.[0];
    const isAbsolute = /^([a-zA-Z]:[\\/]|[\\/])/.test(configured);
    const uri = isAbsolute ? vscode.Uri.file(configured) : folder ? vscode.Uri.joinPath(folder.uri, configured) : undefined;
    // As the server does: a template is read only inside a workspace folder, whatever the setting says.
    if (uri && vscode.workspace.getWorkspaceFolder(uri)) candidates.push(uri);
  }
  candidates.push(vscode.Uri.joinPath(extensionUri, 'schemas', 'nq43.template.yaml'));
  for (const uri of candidates) {
    try {
      // A huge file would stall the extension host while it is parsed; the server refuses it too.
      if ((await vscode.workspace.fs.stat(uri)).size > MAX_TEMPLATE_BYTES) continue;
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      const data = parse(text) as TemplateShape;
      const out: VariantChoice[] = [];
      for (const id of ['party', 'state'] as const) {
        const v = data.variants?.[id];
        if (!v) continue;
        out.push({
          id,
          label: { vi: v.label?.vi ?? id, en: v.label?.en ?? id },
          kinds: (v.kinds ?? []).map((k) => k.name ?? '').filter((k) => k !== ''),
        });
      }
      if (out.length > 0) {
        const levels: LevelChoice[] = (data.levels ?? [])
          .filter((l) => typeof l.id === 'string' && l.id !== '')
          .map((l) => ({ id: l.id!, label: { vi: l.label?.vi ?? l.id!, en: l.label?.en ?? l.id! }, default: l.default === true }))
          .sort((a, b) => Number(b.default) - Number(a.default));
        return { variants: out, levels };
      }
    } catch {
      // Fall through to the next candidate: a broken user template must not block "New plan".
    }
  }
  return { variants: [], levels: [] };
}
