// Piscina worker entry: one BatchProcessor per thread (its scratch buffers are reused).
import { move } from 'piscina';
import { BatchProcessor } from './process-batch.js';
import { packResult, type DecodeTask } from './task.js';

const processor = new BatchProcessor();

export default function processBatch(task: DecodeTask): Float64Array {
  const packed = packResult(processor.process(task));
  return move(packed) as unknown as Float64Array;
}
