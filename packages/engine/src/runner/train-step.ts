import type { LossDict } from '@mmpt/models';
import { type Tensor, add, mean } from '@mmpt/tensor';

/**
 * MMEngine's `parse_losses`: the total loss is the sum of every entry whose name contains `loss`
 * (each reduced to its mean); every entry is also reported under its name, the total as `loss`.
 * Returns the total (to backpropagate) and the tensors to log (the caller reads them back).
 */
export function parseLosses(losses: LossDict): { total: Tensor; logVars: Map<string, Tensor> } {
  const logVars = new Map<string, Tensor>();
  let total: Tensor | undefined;
  for (const [name, value] of Object.entries(losses)) {
    const reduced = value.size === 1 ? value : mean(value);
    if (reduced !== value) value.dispose();
    logVars.set(name, reduced);
    if (name.includes('loss')) {
      if (!total) total = reduced;
      else {
        const next = add(total, reduced);
        if (![...logVars.values()].includes(total)) total.dispose();
        total = next;
      }
    }
  }
  if (!total) throw new Error(`The model returned no loss: its outputs are ${Object.keys(losses).join(', ') || 'empty'}; a loss's name must contain "loss"`);
  logVars.set('loss', total);
  return { total, logVars };
}
