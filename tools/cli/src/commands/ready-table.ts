// What `emporium up` prints once everything is ready.
import pc from 'picocolors';
import type { Settings } from '../settings.js';

export function printReadyTable(
  settings: Settings,
  gateway: string,
  busUrl: string,
  seconds: number,
  services: Array<{ name: string; url: string; pid: number | undefined }>,
): void {
  const width = Math.max(...services.map((s) => s.name.length));
  console.log('');
  console.log(pc.green(pc.bold(`Emporium is ready in ${seconds.toFixed(1)} s`)) + pc.dim(` (${settings.infra} mode)`));
  console.log('');
  console.log(`  ${pc.bold('Shop API')}      ${gateway}/api/{service}/...`);
  console.log(`  ${pc.bold('API docs')}      ${gateway}/api/docs`);
  if (settings.admin) {
    console.log(
      `  ${pc.bold('Admin')}         ${settings.admin.email} / ${settings.admin.password} ${pc.dim('(local use only)')}`,
    );
  }
  const broker = settings.infra === 'embedded' ? '(embedded broker)' : '(NATS JetStream)';
  console.log(`  ${pc.bold('Broker')}        ${busUrl} ${pc.dim(broker)}`);
  console.log(
    `  ${pc.bold('Data')}          ${settings.infra === 'embedded' ? settings.dataDir : settings.pgAdminUrl.replace(/:[^:@/]*@/, '@')}`,
  );
  console.log('');
  for (const s of services) console.log(`  ${s.name.padEnd(width)}  ${s.url}  ${pc.dim(`pid ${s.pid ?? '-'}`)}`);
  console.log('');
  console.log(pc.dim('  Ctrl-C stops everything.'));
}
