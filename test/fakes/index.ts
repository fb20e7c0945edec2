/** The fake peers, for integration tests, e2e tests and `npm run browser -- --demo`. */
export { startFakeAzion, type FakeAzion, type FakeAzionAccount, type FakePersonalToken } from './fakeAzion.js';
export { startFakeOceanProvider, type FakeOceanProvider } from './fakeOceanProvider.js';
export { startFakeOceanNode, type FakeOceanNode, type FakeNodeToken, type NonceCheck } from './fakeOceanNode.js';
export type { FakeServer, FailSpec, DelaySpec, ReceivedRequest, RequestMatch } from './fakeHttp.js';
