// Entry point of the API gateway: wiring only (configuration, token verifier, then serve).
import { createRemoteTokenVerifier, loadConfig, runService, startOrExit } from '@emporium/service-kit';
import { buildApp } from './app.js';
import { GatewayConfig } from './config.js';

startOrExit(async () => {
  const config = loadConfig(GatewayConfig);
  const verifier = createRemoteTokenVerifier(config.JWKS_URL, {
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
  });
  const app = await buildApp({ config, verifier });
  await runService(app, { port: config.PORT, host: config.HOST });
});
