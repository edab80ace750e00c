// Progress of a long write, for the CLIs: a bar on a terminal, otherwise (CI, logs) a
// counted line every tenth of the way: "<name>: 5000/50000 rows written".
import cliProgress from 'cli-progress';

export interface RowProgress {
  update(written: number, total: number): void;
  stop(): void;
}

export function rowProgress(name: string): RowProgress {
  if (process.stdout.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${name} [{bar}] {value}/{total} rows` },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(written, total) {
        if (!started) bar.start(total, 0);
        started = true;
        bar.update(written);
      },
      stop() {
        if (started) bar.stop();
        started = false;
      },
    };
  }
  let logged = 0;
  return {
    update(written, total) {
      const step = Math.max(1, Math.floor(total / 10));
      if (written === total || Math.floor(written / step) > Math.floor(logged / step))
        console.log(`${name}: ${written}/${total} rows written`);
      logged = written;
    },
    stop() {},
  };
}
