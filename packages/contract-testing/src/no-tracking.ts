// Pact's native core reports usage to an analytics service unless told not to; Emporium's tests send
// traffic only to 127.0.0.1. Imported first by every module that loads Pact.
process.env.PACT_DO_NOT_TRACK = 'true';
