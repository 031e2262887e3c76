#!/bin/sh
# Reproduces every committed model: `sh models/train-all.sh` (≈ 3 min per model on 2 cores). Each run is also
# resumable on its own after a kill: `node bin/scalelab.js train AGENT --steps N --seed 1 \
#   --config models/configs/NAME.json --out models/NAME`.
# STEPS=N overrides every model's step count (`scalelab reproduce --quick --retrain` sets STEPS=2000).
set -e
train() { node bin/scalelab.js train "$1" --steps "${STEPS:-$3}" --seed 1 --config "models/configs/$2.json" --out "models/$2"; }
train dqn dqn 30000
train ppo ppo 120000
train hybrid hybrid 30000
train hybrid-constrained hybrid-constrained 30000
train dqn dqn-weak-sla 30000
train dqn dqn-balanced 30000
