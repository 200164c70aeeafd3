"""Short masked-LM pretraining of the encoder on the local corpus plus the training prompts (never dev).

Standard BERT masking: 15% of real tokens are chosen; 80% become [MASK], 10% a random token, 10% stay. The word
embeddings start from embed_init.pt when present. Writes work/mlm.pt (encoder state dict). Fixed step count and
seed, so a rerun reproduces the same weights.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time

import torch
from torch import nn

from batches import bucketed_batches, pad
from common import SEED, WORK, crop, set_determinism
from model import BertConfig, BertForMaskedLM


def mask_tokens(ids: torch.Tensor, attn: torch.Tensor, vocab_size: int, mask_id: int, gen: torch.Generator):
    special = (ids < 5) | (attn == 0)
    chosen = (torch.rand(ids.shape, generator=gen) < 0.15) & ~special
    if not chosen.any():
        chosen[0, 1] = True
    targets = ids[chosen]
    corrupted = ids.clone()
    roll = torch.rand(ids.shape, generator=gen)
    corrupted[chosen & (roll < 0.8)] = mask_id
    random_tok = chosen & (roll >= 0.8) & (roll < 0.9)
    corrupted[random_tok] = torch.randint(5, vocab_size, (int(random_tok.sum()),), generator=gen)
    positions = chosen.reshape(-1).nonzero().squeeze(1)
    return corrupted, positions, targets


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--steps", type=int, default=6000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--no-embed-init", action="store_true")
    parser.add_argument("--out", default="mlm", help="writes work/<out>.pt and work/<out>_summary.json")
    args = parser.parse_args()
    set_determinism()
    start = time.time()
    prepared = torch.load(WORK / "prepared.pt")
    vocab_size = len(prepared["vocab"])
    mask_id = prepared["vocab"].index("[MASK]")
    cfg = BertConfig(vocab_size=vocab_size)
    model = BertForMaskedLM(cfg)
    if not args.no_embed_init and (WORK / "embed_init.pt").exists():
        with torch.no_grad():
            model.bert.embeddings.word.weight.copy_(torch.load(WORK / "embed_init.pt"))
    # the training prompts are few next to the corpus; repeat them so the encoder sees prompt-shaped text
    prompts = [crop(s) for s in prepared["train"]["ids"]]
    sequences = [s for s in prepared["corpus"] if len(s) > 6] + prompts * 3
    rng = random.Random(SEED)
    gen = torch.Generator().manual_seed(SEED)
    lengths = [len(s) for s in sequences]
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    warmup = max(1, args.steps // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda step: min((step + 1) / warmup, max(0.0, (args.steps - step) / (args.steps - warmup))))
    model.train()
    step, running = 0, []
    while step < args.steps:
        for batch in bucketed_batches(len(sequences), lengths, args.batch_size, rng):
            if step >= args.steps:
                break
            ids, attn, types = pad([sequences[i] for i in batch])
            corrupted, positions, targets = mask_tokens(ids, attn, vocab_size, mask_id, gen)
            logits = model(corrupted, attn, types, positions)
            loss = nn.functional.cross_entropy(logits, targets)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            running.append(loss.item())
            step += 1
            if step % 100 == 0:
                print(f"mlm step {step}/{args.steps} loss {sum(running[-100:]) / 100:.3f} "
                      f"({time.time() - start:.0f}s)", flush=True)
    torch.save({"config": cfg.to_dict(), "encoder": model.bert.state_dict()}, WORK / f"{args.out}.pt")
    summary = {"mlm_steps": args.steps, "batch_size": args.batch_size, "final_loss": round(
        sum(running[-100:]) / len(running[-100:]), 3), "seconds": round(time.time() - start)}
    (WORK / f"{args.out}_summary.json").write_text(json.dumps(summary) + "\n")
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
