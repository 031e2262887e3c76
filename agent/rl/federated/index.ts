// Public surface of agent/rl/federated: FedAvg over DQN clients on differently parameterised plants.
export { fedAvg, participantCount, sampleClients, type ClientUpdate } from './fedavg.ts';
export { trainFederatedDqn, clientEpisodeSeed, CLIENT_ID_LIMIT, type FederatedDqnOptions, type FederatedDqnResult, type FederatedRoundLog } from './federated-dqn.ts';
export { createMixedPlantEnv, episodePlantIndex } from './mixed-plant-env.ts';
export { parsePlantFile, PlantFileError } from './plant-file.ts';
export { runFederateSession, CLIENT_STATE_RULE, type ClientPlant, type FederateSessionOptions, type FederateSessionResult } from './federate-session.ts';
