#!/bin/sh
# Reproduces every committed model (one documented command: `sh models/train-all.sh`); each run is also
# resumable on its own: `node bin/scalelab.js train AGENT --steps N --seed 1 --config models/configs/NAME.json --out models/NAME`.
set -e
STEPS=${STEPS:-30000}
for name in dqn ppo hybrid hybrid-constrained dqn-weak-sla dqn-balanced; do
  agent=${name%-weak-sla}; agent=${agent%-balanced}
  node bin/scalelab.js train "$agent" --steps "$STEPS" --seed 1 --config "models/configs/$name.json" --out "models/$name"
done
