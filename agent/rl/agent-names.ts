// The RL agent types, defined once (light: no TensorFlow), for the registry, the CLI and the agents table.

/** The agent types the lab trains; also the names of the committed models under models/. */
export const RL_AGENTS = ['dqn', 'ppo', 'hybrid', 'hybrid-constrained'] as const;
export type RlAgentName = (typeof RL_AGENTS)[number];
