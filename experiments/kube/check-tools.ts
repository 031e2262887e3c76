// The kube backend needs pulumi on PATH (multipass only for `pulumi up -s cluster`, which the user runs; k6 is optional: without it the load runs as an
// in-cluster Job). Checked before any cell runs; a missing tool is reported with the command that installs it.
import { which } from 'zx';

/** How to install each tool (Linux/macOS; see docs/real-path.md for Windows). */
export const INSTALL_COMMANDS: Record<string, string> = {
  pulumi: 'curl -fsSL https://get.pulumi.com | sh',
  multipass: 'sudo snap install multipass   (macOS: brew install --cask multipass)',
  k6: 'sudo snap install k6   (macOS: brew install k6; or https://grafana.com/docs/k6/latest/set-up/install-k6/)',
};

/** Which of `tools` are missing from PATH. */
export async function missingTools(tools: readonly string[], path = process.env.PATH ?? ''): Promise<string[]> {
  const missing: string[] = [];
  for (const t of tools) if ((await which(t, { nothrow: true, path })) === null) missing.push(t);
  return missing;
}

/** Throws one message listing every missing tool with its install command. */
export async function requireTools(tools: readonly string[], path?: string): Promise<void> {
  const missing = await missingTools(tools, path);
  if (missing.length === 0) return;
  const lines = missing.map((t) => `  ${t}: ${INSTALL_COMMANDS[t] ?? 'see its documentation'}`);
  throw new Error(`the microk8s backend needs ${missing.join(', ')} on PATH. Install with:\n${lines.join('\n')}`);
}
