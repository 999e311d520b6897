/**
 * JSON Schema renderings of the contracts (draft 2020-12), as shipped in
 * `@stkit/core/schemas/*.schema.json`.
 */
import { z } from 'zod/v4';
import { ClipSchema, SampleSchema } from './schemas';

/** File name → pretty-printed JSON Schema text (with a trailing newline). */
export function renderJsonSchemas(): Record<string, string> {
  const render = (schema: z.ZodType, id: string, title: string): string => {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' }) as Record<
      string,
      unknown
    >;
    return `${JSON.stringify({ $id: id, title, ...json }, null, 2)}\n`;
  };
  return {
    'clip.schema.json': render(ClipSchema, 'https://stkit.dev/schemas/clip.schema.json', 'STKit Clip'),
    'sample.schema.json': render(SampleSchema, 'https://stkit.dev/schemas/sample.schema.json', 'STKit Sample'),
  };
}
