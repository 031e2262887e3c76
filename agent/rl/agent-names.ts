// The one list of RL agent names: the trainable agents, the registry's RL autoscaler types and the committed
// model folders (models/<name>/). Light on purpose (no TensorFlow.js), so the registry can import it.

/** The agent types the lab trains. */
export const RL_AGENTS = ['dqn', 'ppo', 'hybrid', 'hybrid-constrained'] as const;

/** One of RL_AGENTS. */
export type RlAgentName = (typeof RL_AGENTS)[number];
