import { runBreakerRecoveryBench } from './resilience-bench.js';
console.log(JSON.stringify(await runBreakerRecoveryBench(Number(process.argv[2] ?? 10))));
process.exit(0);
