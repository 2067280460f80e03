// `npm run openapi -w infra/collector`: writes infra/collector/openapi.json from the route schemas.
import { writeFile } from 'node:fs/promises';
import { collectorOpenApi, OPENAPI_PATH, packageVersion } from './openapi-document.js';

await writeFile(OPENAPI_PATH, await collectorOpenApi(await packageVersion()));
console.log(`wrote ${OPENAPI_PATH.pathname}`);
