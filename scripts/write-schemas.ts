// `npm run schemas`: rewrites docs/config.schema.json and public/managed_schema.json from the zod
// schema. Run it after changing src/core/config.ts; tests/unit/schemas.test.ts fails until you do.
import { writeSchemaFiles } from './schema-files';

const written = writeSchemaFiles(process.cwd());
console.log(written.length ? `Rewrote ${written.join(', ')}` : 'Schemas already up to date');
