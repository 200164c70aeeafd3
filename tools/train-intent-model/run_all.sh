#!/usr/bin/env bash
# Rebuilds the intent dataset and the shipped model end to end. Run from tools/train-intent-model/.
# Needs Debian's python3-torch python3-onnx libopenblas0-pthread wordnet-base dict-foldoc, and `npm ci` at the
# repo root for the Node checks. Intermediate files go to work/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")"
PY=/usr/bin/python3
REPO=../..
mkdir -p work
# Thread counts as in the shipped run (they change float summation order, hence the last bits of the weights):
# 2 for the embedding SVD and the baseline, 1 for pretraining and fine-tuning (two experiments ran side by side).
time_step() { local name=$1; shift; local t0=$SECONDS; "$@"; echo "[$name] $((SECONDS - t0)) s" | tee -a work/timings.txt; }
: > work/timings.txt
time_step dataset   $PY build_dataset.py
time_step near_dups $PY near_dups.py $REPO/data/intents/train.jsonl $REPO/data/intents/dev.jsonl --json work/near_dups.json
# the independent set may overlap train by chance (it was written separately): measured and reported, not enforced
$PY near_dups.py $REPO/data/intents/train.jsonl $REPO/data/intents/independent.jsonl --json work/near_dups_independent.json || true
time_step prepare   $PY prepare.py
TRAIN_THREADS=2 time_step embed $PY embed_init.py
# The shipped model's configuration; INIT=mlm adds the masked-LM pretraining step first.
INIT=${INIT:-mlm}
FINETUNE_ARGS=${FINETUNE_ARGS:---pooling mean+embeddings --lr 5e-4 --epochs 4 --token-dropout 0.25}
if [ "$INIT" = mlm ]; then TRAIN_THREADS=1 time_step pretrain $PY pretrain.py; fi
TRAIN_THREADS=1 time_step finetune $PY finetune.py --init "$INIT" $FINETUNE_ARGS --name classifier
TRAIN_THREADS=2 time_step baseline $PY baseline.py
time_step export    $PY export.py
(cd $REPO && node tools/train-intent-model/verify_tokenizer.mjs models/intent-default tools/train-intent-model/work/export_cases.jsonl)
(cd $REPO && node tools/train-intent-model/verify_onnx.mjs models/intent-default tools/train-intent-model/work/export_cases.jsonl)
$PY model_card.py
cat work/timings.txt
