"""Fine-tunes the intent classifier on train.jsonl and evaluates it on dev.jsonl.

--init random: all weights random; svd: word embeddings from embed_init.pt; mlm: encoder from pretrain.py's
mlm.pt. Regularisation: dropout, label smoothing, and replacing 10% of prompt tokens with [MASK] (so no single
keyword decides). Writes work/<name>.pt (weights + config) and work/<name>_metrics.json.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time

import torch
from torch import nn

from batches import bucketed_batches, eval_batches, pad
from common import LABELS, SEED, WORK, handwritten_dev, record_experiment, set_determinism
from metrics import evaluate, headline, split_accuracy, summary_line
from model import BertConfig, BertForSequenceClassification


def token_dropout(ids: torch.Tensor, attn: torch.Tensor, mask_id: int, p: float, gen: torch.Generator):
    if p <= 0:
        return ids
    hit = (torch.rand(ids.shape, generator=gen) < p) & (attn == 1) & (ids >= 5)
    out = ids.clone()
    out[hit] = mask_id
    return out


@torch.no_grad()
def predict(model: nn.Module, seqs: list[list[int]], batch_size: int = 64) -> torch.Tensor:
    model.eval()
    logits = torch.zeros(len(seqs), len(LABELS))
    for batch in eval_batches([len(s) for s in seqs], batch_size):
        ids, attn, types = pad([seqs[i] for i in batch])
        logits[batch] = model(ids, attn, types)
    return logits


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--init", choices=["random", "svd", "mlm"], default="mlm")
    parser.add_argument("--name", default="classifier")
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--lr", type=float, default=3e-4)
    parser.add_argument("--token-dropout", type=float, default=0.1)
    parser.add_argument("--label-smoothing", type=float, default=0.05)
    parser.add_argument("--qk-init-scale", type=float, default=1.0,
                        help="scale the random query/key weights; small values start the encoder near uniform "
                             "attention, i.e. as a deep averaging network over the tokens")
    parser.add_argument("--average-epochs", type=int, default=1,
                        help="ship the mean of the weights at the end of the last K epochs (1: the last weights)")
    parser.add_argument("--mlm", default="mlm", help="with --init mlm: the encoder in work/<mlm>.pt")
    parser.add_argument("--pooling", choices=["mean", "mean+embeddings", "cls"], default="mean")
    parser.add_argument("--freeze-embeddings", action="store_true",
                        help="keep word embeddings fixed, so words never seen in training keep their neighbours")
    args = parser.parse_args()
    set_determinism()
    start = time.time()
    prepared = torch.load(WORK / "prepared.pt")
    vocab = prepared["vocab"]
    cfg = BertConfig(vocab_size=len(vocab), classifier_pooling=args.pooling)
    model = BertForSequenceClassification(cfg, len(LABELS))
    if args.init == "svd":
        with torch.no_grad():
            model.bert.embeddings.word.weight.copy_(torch.load(WORK / "embed_init.pt"))
    elif args.init == "mlm":
        model.bert.load_state_dict(torch.load(WORK / f"{args.mlm}.pt")["encoder"])

    if args.qk_init_scale != 1.0:
        with torch.no_grad():
            for layer in model.bert.layers:
                layer.attention.query.weight.mul_(args.qk_init_scale)
                layer.attention.key.weight.mul_(args.qk_init_scale)
    if args.freeze_embeddings:
        model.bert.embeddings.word.weight.requires_grad_(False)
    train_ids, train_y = prepared["train"]["ids"], torch.tensor(prepared["train"]["labels"])
    dev_ids, dev_y = prepared["dev"]["ids"], prepared["dev"]["labels"]
    rng = random.Random(SEED)
    gen = torch.Generator().manual_seed(SEED)
    lengths = [len(s) for s in train_ids]
    steps_per_epoch = -(-len(train_ids) // args.batch_size)
    total = steps_per_epoch * args.epochs
    warmup = max(1, total // 10)
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=args.lr, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda step: min((step + 1) / warmup, max(0.0, (total - step) / (total - warmup))))
    loss_fn = nn.CrossEntropyLoss(label_smoothing=args.label_smoothing)
    mask_id = vocab.index("[MASK]")
    history = []
    snapshots: list[dict[str, torch.Tensor]] = []
    for epoch in range(args.epochs):
        model.train()
        losses = []
        for batch in bucketed_batches(len(train_ids), lengths, args.batch_size, rng):
            ids, attn, types = pad([train_ids[i] for i in batch])
            ids = token_dropout(ids, attn, mask_id, args.token_dropout, gen)
            loss = loss_fn(model(ids, attn, types), train_y[batch])
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_([p for p in model.parameters() if p.requires_grad], 1.0)
            opt.step()
            sched.step()
            losses.append(loss.item())
            if len(losses) % 50 == 0:
                print(f"  epoch {epoch + 1} step {len(losses)}/{steps_per_epoch} loss {sum(losses[-50:]) / 50:.3f} "
                      f"({time.time() - start:.0f}s)", flush=True)
        if epoch >= args.epochs - args.average_epochs:
            snapshots.append({k: v.detach().clone() for k, v in model.state_dict().items()})
        acc = split_accuracy(dev_y, predict(model, dev_ids).argmax(1).tolist())
        history.append({"epoch": epoch + 1, "train_loss": round(sum(losses) / len(losses), 4),
                        "dev_accuracy": acc, "seconds": round(time.time() - start)})
        print(json.dumps(history[-1]), flush=True)

    if len(snapshots) > 1:
        model.load_state_dict({k: torch.stack([snap[k].to(torch.float32) for snap in snapshots]).mean(0).to(v.dtype)
                               for k, v in snapshots[-1].items()})
    report = evaluate(prepared, LABELS, handwritten_dev(), lambda seqs: predict(model, seqs).argmax(1).tolist())
    report.update({"init": args.init, "epochs": args.epochs, "lr": args.lr, "batch_size": args.batch_size,
                   "token_dropout": args.token_dropout, "freeze_embeddings": args.freeze_embeddings,
                   "qk_init_scale": args.qk_init_scale, "pooling": args.pooling,
                   "average_epochs": args.average_epochs, "label_smoothing": args.label_smoothing,
                   "history": history, "train_seconds": round(time.time() - start)})
    torch.save({"config": cfg.to_dict(), "state": model.state_dict(), "labels": LABELS}, WORK / f"{args.name}.pt")
    (WORK / f"{args.name}_metrics.json").write_text(json.dumps(report, indent=2) + "\n")
    desc = f"BERT {cfg.num_hidden_layers}x{cfg.hidden_size}, {args.pooling} pooling, init={args.init}, lr {args.lr}" + (", frozen word embeddings" if args.freeze_embeddings else "")
    if args.qk_init_scale != 1.0:
        desc += f", query/key init x{args.qk_init_scale}"
    if args.average_epochs > 1:
        desc += f", weights averaged over the last {args.average_epochs} epochs"
    if args.token_dropout != 0.1:
        desc += f", token dropout {args.token_dropout}"
    record_experiment(f"{args.name} ({desc}, {args.epochs} epochs)", headline(report))
    print(summary_line(args.name, report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
