"""A small BERT written out in torch: token + position + segment embeddings, post-LN encoder layers with GELU,
a pooler over the masked mean of the last hidden states (or [CLS]) and a classification head, plus the masked-LM head used for pretraining.

Parameter names follow Hugging Face's BertForSequenceClassification layout only loosely; what the runtime relies on
is the ONNX graph (input_ids, attention_mask, token_type_ids -> logits). Padding is handled by adding a large
negative number to attention scores of masked keys, so padded positions never change real tokens' outputs.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import torch
from torch import nn

MASK_NEGATIVE = -1e4  # large enough that exp() underflows to 0 next to real scores, small enough to stay finite


@dataclass(frozen=True)
class BertConfig:
    vocab_size: int
    # 4 x 128 (BERT-mini's depth at BERT-tiny's width): p50 ~0.9 ms for 128 tokens with ONNX Runtime on 2 cores;
    # 4 x 256 measured ~2.8 ms (see the model card's latency table)
    hidden_size: int = 128
    num_hidden_layers: int = 4
    num_attention_heads: int = 4
    intermediate_size: int = 512
    max_position_embeddings: int = 256
    type_vocab_size: int = 2
    hidden_dropout_prob: float = 0.1
    attention_probs_dropout_prob: float = 0.1
    layer_norm_eps: float = 1e-12
    initializer_range: float = 0.02
    # "mean": the classification head reads the attention-masked mean of the last hidden states; "cls": [CLS];
    # "mean+embeddings": that mean concatenated with the masked mean of the embedding layer's output
    classifier_pooling: str = "mean"

    def to_dict(self) -> dict:
        return asdict(self)


class Embeddings(nn.Module):
    def __init__(self, cfg: BertConfig):
        super().__init__()
        self.word = nn.Embedding(cfg.vocab_size, cfg.hidden_size, padding_idx=0)
        self.position = nn.Embedding(cfg.max_position_embeddings, cfg.hidden_size)
        self.token_type = nn.Embedding(cfg.type_vocab_size, cfg.hidden_size)
        self.norm = nn.LayerNorm(cfg.hidden_size, eps=cfg.layer_norm_eps)
        self.dropout = nn.Dropout(cfg.hidden_dropout_prob)

    def forward(self, input_ids: torch.Tensor, token_type_ids: torch.Tensor) -> torch.Tensor:
        positions = torch.arange(input_ids.shape[1], device=input_ids.device).unsqueeze(0)
        x = self.word(input_ids) + self.position(positions) + self.token_type(token_type_ids)
        return self.dropout(self.norm(x))


class SelfAttention(nn.Module):
    def __init__(self, cfg: BertConfig):
        super().__init__()
        self.heads = cfg.num_attention_heads
        self.head_dim = cfg.hidden_size // cfg.num_attention_heads
        self.query = nn.Linear(cfg.hidden_size, cfg.hidden_size)
        self.key = nn.Linear(cfg.hidden_size, cfg.hidden_size)
        self.value = nn.Linear(cfg.hidden_size, cfg.hidden_size)
        self.output = nn.Linear(cfg.hidden_size, cfg.hidden_size)
        self.attn_dropout = nn.Dropout(cfg.attention_probs_dropout_prob)

    def split(self, x: torch.Tensor) -> torch.Tensor:
        b, s, _ = x.shape
        return x.view(b, s, self.heads, self.head_dim).transpose(1, 2)

    def forward(self, x: torch.Tensor, mask_bias: torch.Tensor) -> torch.Tensor:
        q, k, v = self.split(self.query(x)), self.split(self.key(x)), self.split(self.value(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.head_dim) + mask_bias
        probs = self.attn_dropout(torch.softmax(scores, dim=-1))
        ctx = torch.matmul(probs, v).transpose(1, 2).reshape(x.shape)
        return self.output(ctx)


class EncoderLayer(nn.Module):
    def __init__(self, cfg: BertConfig):
        super().__init__()
        self.attention = SelfAttention(cfg)
        self.attn_norm = nn.LayerNorm(cfg.hidden_size, eps=cfg.layer_norm_eps)
        self.intermediate = nn.Linear(cfg.hidden_size, cfg.intermediate_size)
        self.ffn_output = nn.Linear(cfg.intermediate_size, cfg.hidden_size)
        self.ffn_norm = nn.LayerNorm(cfg.hidden_size, eps=cfg.layer_norm_eps)
        self.dropout = nn.Dropout(cfg.hidden_dropout_prob)

    def forward(self, x: torch.Tensor, mask_bias: torch.Tensor) -> torch.Tensor:
        x = self.attn_norm(x + self.dropout(self.attention(x, mask_bias)))
        h = self.ffn_output(nn.functional.gelu(self.intermediate(x)))
        return self.ffn_norm(x + self.dropout(h))


class BertEncoder(nn.Module):
    def __init__(self, cfg: BertConfig):
        super().__init__()
        self.cfg = cfg
        self.embeddings = Embeddings(cfg)
        self.layers = nn.ModuleList(EncoderLayer(cfg) for _ in range(cfg.num_hidden_layers))

    def forward(self, input_ids, attention_mask, token_type_ids) -> torch.Tensor:
        return self.forward_with_embeddings(input_ids, attention_mask, token_type_ids)[0]

    def forward_with_embeddings(self, input_ids, attention_mask, token_type_ids) -> tuple[torch.Tensor, torch.Tensor]:
        # [batch, 1, 1, seq]: 0 for real keys, MASK_NEGATIVE for padding keys
        mask_bias = (1.0 - attention_mask[:, None, None, :].to(torch.float32)) * MASK_NEGATIVE
        embedded = self.embeddings(input_ids, token_type_ids)
        x = embedded
        for layer in self.layers:
            x = layer(x, mask_bias)
        return x, embedded


def init_weights(module: nn.Module, std: float) -> None:
    if isinstance(module, nn.Linear):
        nn.init.normal_(module.weight, 0.0, std)
        nn.init.zeros_(module.bias)
    elif isinstance(module, nn.Embedding):
        nn.init.normal_(module.weight, 0.0, std)
        if module.padding_idx is not None:
            with torch.no_grad():
                module.weight[module.padding_idx].zero_()
    elif isinstance(module, nn.LayerNorm):
        nn.init.ones_(module.weight)
        nn.init.zeros_(module.bias)


class BertForMaskedLM(nn.Module):
    """Encoder + transform + decoder tied to the word embeddings."""

    def __init__(self, cfg: BertConfig):
        super().__init__()
        self.bert = BertEncoder(cfg)
        self.transform = nn.Linear(cfg.hidden_size, cfg.hidden_size)
        self.transform_norm = nn.LayerNorm(cfg.hidden_size, eps=cfg.layer_norm_eps)
        self.decoder_bias = nn.Parameter(torch.zeros(cfg.vocab_size))
        self.apply(lambda m: init_weights(m, cfg.initializer_range))

    def forward(self, input_ids, attention_mask, token_type_ids, masked_positions: torch.Tensor) -> torch.Tensor:
        """Logits over the vocabulary for the flattened positions in `masked_positions` ([n] indices into b*s)."""
        hidden = self.bert(input_ids, attention_mask, token_type_ids)
        picked = hidden.reshape(-1, hidden.shape[-1])[masked_positions]
        h = self.transform_norm(nn.functional.gelu(self.transform(picked)))
        return h @ self.bert.embeddings.word.weight.T + self.decoder_bias


class BertForSequenceClassification(nn.Module):
    def __init__(self, cfg: BertConfig, num_labels: int, classifier_dropout: float = 0.1):
        super().__init__()
        self.bert = BertEncoder(cfg)
        summary_size = 2 * cfg.hidden_size if cfg.classifier_pooling == "mean+embeddings" else cfg.hidden_size
        self.pooler = nn.Linear(summary_size, cfg.hidden_size)
        self.dropout = nn.Dropout(classifier_dropout)
        self.classifier = nn.Linear(cfg.hidden_size, num_labels)
        self.pooling = cfg.classifier_pooling
        self.apply(lambda m: init_weights(m, cfg.initializer_range))

    def forward(self, input_ids, attention_mask, token_type_ids) -> torch.Tensor:
        hidden, embedded = self.bert.forward_with_embeddings(input_ids, attention_mask, token_type_ids)
        if self.pooling == "cls":
            summary = hidden[:, 0]
        else:
            # mean over real tokens: every token feeds the head directly, which a small model trained from
            # little data learns far more easily than routing everything through [CLS]
            weights = attention_mask.to(hidden.dtype).unsqueeze(-1)
            count = weights.sum(1).clamp(min=1.0)
            summary = (hidden * weights).sum(1) / count
            if self.pooling == "mean+embeddings":
                # plus the mean of the embedding layer's output: a bag-of-wordpieces path next to the contextual one
                summary = torch.cat([summary, (embedded * weights).sum(1) / count], dim=-1)
        pooled = torch.tanh(self.pooler(summary))
        return self.classifier(self.dropout(pooled))
