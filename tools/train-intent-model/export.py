"""Exports the fine-tuned classifier to models/intent-default/model.onnx and writes config.json.

Graph contract: inputs input_ids, attention_mask, token_type_ids (int64, [batch, seq], both axes dynamic), output
logits (float32, [batch, num_labels]). After export: onnx.checker, and reference cases (text, ids, torch logits)
in work/export_cases.jsonl that verify_onnx.mjs replays through onnxruntime-node, single and padded-batched.
"""
from __future__ import annotations

import argparse
import json
import sys

import onnx
import torch

from common import DATA_DIR, LABELS, MAX_LENGTH, MODEL_DIR, WORK, read_jsonl, set_determinism
from model import BertConfig, BertForSequenceClassification
from wordpiece import WordPieceTokenizer

OPSET = 14
EXTRA_CASES = [
    "hi", "Café déjà vu — naïve résumé?", "def f(x):\n    return x**2  # square", "I ❤️ emoji 😀👍🏽 ok?",
    "日本語のテキスト 中文", "[MASK] [CLS] [SEP]", "x" * 300, " ".join(["word"] * 400),
    "Is this clause enforceable? Tenant forfeits the deposit.", "Extract the dates as JSON: met on 3/4, paid 5/6.",
]


class Exported(torch.nn.Module):
    def __init__(self, inner: BertForSequenceClassification):
        super().__init__()
        self.inner = inner

    def forward(self, input_ids, attention_mask, token_type_ids):
        return self.inner(input_ids, attention_mask, token_type_ids)


def load_classifier(path) -> tuple[BertForSequenceClassification, BertConfig]:
    ckpt = torch.load(path)
    cfg = BertConfig(**ckpt["config"])
    model = BertForSequenceClassification(cfg, len(LABELS))
    model.load_state_dict(ckpt["state"])
    model.eval()
    return model, cfg


def write_config(cfg: BertConfig) -> None:
    config = {
        "model_type": "bert",
        "architectures": ["BertForSequenceClassification"],
        "id2label": {str(i): lab for i, lab in enumerate(LABELS)},
        "label2id": {lab: i for i, lab in enumerate(LABELS)},
        "num_labels": len(LABELS),
        "problem_type": "single_label_classification",
        "hidden_size": cfg.hidden_size,
        "num_hidden_layers": cfg.num_hidden_layers,
        "num_attention_heads": cfg.num_attention_heads,
        "intermediate_size": cfg.intermediate_size,
        "hidden_act": "gelu",
        "max_position_embeddings": cfg.max_position_embeddings,
        "vocab_size": cfg.vocab_size,
        "type_vocab_size": cfg.type_vocab_size,
        "layer_norm_eps": cfg.layer_norm_eps,
        "classifier_pooling": cfg.classifier_pooling,
        "pad_token_id": 0,
        "onnx": {"file": "model.onnx", "opset": OPSET,
                 "inputs": ["input_ids", "attention_mask", "token_type_ids"], "output": "logits",
                 "max_length": MAX_LENGTH},
    }
    (MODEL_DIR / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--checkpoint", default=str(WORK / "classifier.pt"))
    args = parser.parse_args()
    set_determinism()
    model, cfg = load_classifier(args.checkpoint)
    vocab = (MODEL_DIR / "vocab.txt").read_text(encoding="utf-8").splitlines()
    if len(vocab) != cfg.vocab_size:
        raise SystemExit(f"vocab.txt has {len(vocab)} tokens but the model has {cfg.vocab_size}")
    tok = WordPieceTokenizer(vocab)

    dummy = torch.tensor([tok.encode("export me please")])
    wrapper = Exported(model).eval()
    torch.onnx.export(
        wrapper, (dummy, torch.ones_like(dummy), torch.zeros_like(dummy)), str(MODEL_DIR / "model.onnx"),
        input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["logits"],
        dynamic_axes={"input_ids": {0: "batch", 1: "sequence"}, "attention_mask": {0: "batch", 1: "sequence"},
                      "token_type_ids": {0: "batch", 1: "sequence"}, "logits": {0: "batch"}},
        opset_version=OPSET, do_constant_folding=True)
    onnx_model = onnx.load(str(MODEL_DIR / "model.onnx"))
    onnx.checker.check_model(onnx_model, full_check=True)
    write_config(cfg)
    model.eval()  # export restores the wrapper's previous mode; make sure dropout is off for the reference logits

    dev = read_jsonl(DATA_DIR / "dev.jsonl")
    texts = [r["text"] for r in dev[:30]] + EXTRA_CASES
    with open(WORK / "export_cases.jsonl", "w", encoding="utf-8") as fh, torch.no_grad():
        for text in texts:
            ids = tok.encode(text, MAX_LENGTH)
            t = torch.tensor([ids])
            logits = model(t, torch.ones_like(t), torch.zeros_like(t))[0].tolist()
            fh.write(json.dumps({"text": text, "ids": ids, "logits": logits}, ensure_ascii=False) + "\n")
    size = (MODEL_DIR / "model.onnx").stat().st_size
    print(json.dumps({"onnx_bytes": size, "opset": OPSET, "checker": "ok", "cases": len(texts)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
