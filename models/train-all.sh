#!/bin/sh
# Reproduces every committed model: `sh models/train-all.sh` (from a clean checkout of the commit the models'
# provenance names). Each run is resumable on its own after a kill and then ends bit-identical to an uninterrupted
# one: `node bin/scalelab.js train AGENT --steps N --seed 1 --config models/configs/NAME.json --out models/NAME`.
# STEPS=N overrides every model's step count (`scalelab reproduce --quick --retrain` sets STEPS=2000).
# ONLY="name …" trains a subset (e.g. two shells with disjoint subsets use both cores).
set -e
train() {
  case " ${ONLY:-$2} " in *" $2 "*) ;; *) return 0 ;; esac
  node bin/scalelab.js train "$1" --steps "${STEPS:-$3}" --seed 1 --config "models/configs/$2.json" --out "models/$2"
}
train dqn dqn 40000
train ppo ppo 120000
train hybrid hybrid 30000
train hybrid-constrained hybrid-constrained 30000
train dqn dqn-weak-sla 40000
train dqn dqn-balanced 40000
