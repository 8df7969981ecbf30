// vigil.yaml monitors go through the same outbound policy as the admin API:
// every target that is new or changed is vetted before anything is written,
// and a refusal is reported against the file's line.
import { ConfigFileError, type LoadedConfig } from './config-file.js';
import type { MonitorType } from '../../domain/monitor-types.js';
import { listAllMonitors } from '../../store/monitors.js';
import { read, type ServiceContext } from '../context.js';
import { optionsOf, splitFields } from '../monitors/columns.js';
import { monitorTargets, vetMonitorTargets, type TargetVetter } from '../monitors/vet-targets.js';

export async function rejectRefusedConfigTargets(ctx: ServiceContext, loaded: LoadedConfig, vetter: TargetVetter): Promise<void> {
  const monitors = loaded.config.monitors;
  if (!monitors || monitors.length === 0) return;
  const stored = new Map((await read(ctx, listAllMonitors)).filter((m) => m.key !== null).map((m) => [m.key!, m]));
  const issues = (
    await Promise.all(
      monitors.map((m, i) => {
        const { options } = splitFields(m as unknown as Record<string, unknown>);
        const type = m.type as MonitorType;
        const existing = stored.get(m.key);
        const before = existing && existing.type === type ? new Map(monitorTargets(type, optionsOf(existing)).map((t) => [t.path, t.host])) : new Map<string, string>();
        const changed = monitorTargets(type, options).filter((t) => before.get(t.path) !== t.host);
        return vetMonitorTargets(vetter, changed, `monitors[${i}].`);
      }),
    )
  ).flat();
  if (issues.length > 0) throw new ConfigFileError(loaded.file, issues.map((issue) => loaded.problem(issue.path, issue.message)));
}
