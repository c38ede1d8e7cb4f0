// Shared by the options and popup e2e tests.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';

const AXE = path.resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js');

/** axe-core's serious and critical violations on the page, as "rule: target" lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Extension pages' CSP refuses an injected <script> (addScriptTag); evaluating the source does not.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(AXE, 'utf8'));
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const result = await axe.run();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

const WHATSAPP = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../src/core/samples/payloads/ccai/constructed.new_chat_whatsapp.json'), 'utf8'),
) as { type: string; data: Record<string, unknown> };

/** The WhatsApp New_Chat of the CCAI Platform custom CRM guide, as a new chat. */
export function whatsappChat(chatId: number) {
  return { ...WHATSAPP, data: { ...WHATSAPP.data, chat_id: chatId } };
}
