/**
 * THE LAB'S RULES IN PYTHON: the one place the exported PyTorch project restates what
 * the engine does, so that `train.py --replay` follows the lab's run step for step.
 * Whenever one of these changes in src-shared, change it here too (the replay test in
 * tests in test/src-main/models/pytorch-*.test.ts fail until both agree):
 *
 *   seeded shuffle          src-shared/random.ts (xoshiro128**, splitmix32 seeding, Fisher–Yates)
 *   mirror augmentation     src-shared/engine/trainer.ts (trainStep's draws, mirrorImage)
 *   optimiser updates       src-shared/engine/optimizers.ts (sgd, momentum, adam)
 *   regularisation          src-shared/engine/regularizers.ts (L1/L2 gradient, reported λR(W))
 *   proximal L1             src-shared/engine/optimizers.ts proximalL1 (threshold in the optimiser's metric)
 *   learning-rate schedule  src-shared/engine/schedules.ts
 *   losses                  src-shared/engine/losses.ts (softmax cross-entropy, multiclass hinge)
 *
 * The engine keeps float32 arrays and computes each update in double precision (JavaScript
 * numbers), rounding once when it stores; the Python below does the same in float64.
 */

export const LAB_RULES_FILE = 'lab_rules.py';

export const labRulesPython = String.raw`"""The lab's rules: everything train.py must do exactly as Neural Lab does, so that
train.py --replay follows the lab's run step for step.

Each function names the lab source it restates. The lab keeps float32 arrays but computes
every update in double precision and rounds once when it stores; so does this file.
"""
import math

import torch
import torch.nn.functional as F

MASK32 = 0xFFFFFFFF


def _rotl(x, k):
    return ((x << k) | (x >> (32 - k))) & MASK32


class LabRng:
    """xoshiro128** seeded by splitmix32 (src-shared/random.ts): the lab's one source of
    randomness. Its state is four uint32 words (plus a cached normal the shuffle never uses)."""

    def __init__(self, words, spare_normal=None):
        self.s = [int(w) & MASK32 for w in words]
        self.spare_normal = spare_normal

    @classmethod
    def from_seed(cls, seed):
        words = []
        x = seed & MASK32
        for _ in range(4):
            x = (x + 0x9E3779B9) & MASK32
            z = x
            z = ((z ^ (z >> 16)) * 0x85EBCA6B) & MASK32
            z = ((z ^ (z >> 13)) * 0xC2B2AE35) & MASK32
            words.append((z ^ (z >> 16)) & MASK32)
        return cls(words)

    @classmethod
    def from_state(cls, state):
        return cls(state["s"], state.get("spareNormal"))

    def state(self):
        return {"s": list(self.s), "spareNormal": self.spare_normal}

    def next_uint32(self):
        s = self.s
        result = (_rotl((s[1] * 5) & MASK32, 7) * 9) & MASK32
        t = (s[1] << 9) & MASK32
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = _rotl(s[3], 11)
        return result

    def uniform(self):
        return self.next_uint32() / 4294967296

    def below(self, n):
        """An integer in [0, n) (Rng.int)."""
        return math.floor(self.uniform() * n)

    def shuffle(self, values):
        """Fisher-Yates in place, last position first (Rng.shuffle)."""
        for i in range(len(values) - 1, 0, -1):
            j = self.below(i + 1)
            values[i], values[j] = values[j], values[i]
        return values


def epoch_order(rng, count):
    """The order of one epoch (Trainer.startEpoch): 0..count-1 shuffled by the run's generator."""
    return rng.shuffle(list(range(count)))


def mirror_draws(rng, count):
    """Which of a batch's count images mirror augmentation flips (Trainer.trainStep): one draw
    per row in batch order, after the batch is gathered; below 1/2 flips. Every process of a
    torchrun draws for the whole batch, so the generator stays the lab's."""
    return [rng.uniform() < 0.5 for _ in range(count)]


def mirror(x, flips, shape):
    """x [rows, H*W*C] (normalized, channels interleaved) with the rows where flips is True
    flipped left-right (mirrorImage in src-shared/engine/trainer.ts)."""
    if not any(flips):
        return x
    images = x.reshape(x.shape[0], shape["height"], shape["width"], shape["channels"])
    chosen = torch.tensor(flips, dtype=torch.bool, device=x.device).view(-1, 1, 1, 1)
    return torch.where(chosen, images.flip(2), images).reshape(x.shape)


def learning_rate(schedule, base_lr, epoch, epochs):
    """The rate for 0-based epoch (src-shared/engine/schedules.ts); constant within an epoch."""
    kind = schedule["kind"]
    if kind == "constant":
        return base_lr
    if kind == "step":
        return base_lr * math.pow(schedule["gamma"], epoch // schedule["everyEpochs"])
    progress = min(epoch / epochs, 1) if epochs > 0 else 0
    return schedule["minLr"] + (base_lr - schedule["minLr"]) * 0.5 * (1 + math.cos(math.pi * progress))


def data_loss_sum(kind, scores, labels):
    """Summed data loss over the rows (src-shared/engine/losses.ts): softmax cross-entropy,
    or the multiclass hinge sum_{j != y} max(0, s_j - s_y + 1)."""
    if kind == "softmax":
        return F.cross_entropy(scores, labels, reduction="sum")
    true = scores.gather(1, labels.view(-1, 1))
    margins = F.relu(scores - true + 1)
    # the true class adds no margin of its own
    return margins.sum() - margins.gather(1, labels.view(-1, 1)).sum()


def l1_strength(reg):
    return reg["l1"] if reg["kind"] in ("l1", "elastic") else 0.0


def l2_strength(reg):
    return reg["l2"] if reg["kind"] in ("l2", "elastic") else 0.0


def regularization_loss(reg, weights):
    """lambda1 sum|w| + lambda2 sum w^2 over the weight matrices, biases excluded (the
    reported regLoss; with the proximal rule L1 is still reported, not differentiated)."""
    l1, l2 = l1_strength(reg), l2_strength(reg)
    total = 0.0
    for w in weights:
        w64 = w.detach().double()
        if l1:
            total += l1 * float(w64.abs().sum())
        if l2:
            total += l2 * float((w64 * w64).sum())
    return total


def slot_count(kind):
    return {"sgd": 0, "momentum": 1, "adam": 2}[kind]


class LabOptimizer:
    """The lab's optimizers and regularization step (optimizers.ts, regularizers.ts,
    Trainer.trainStep). 'params' are (tensor, is_weight) pairs in the lab's order W1, b1,
    W2, b2, ...; slots are float32 tensors shaped like their parameter."""

    def __init__(self, spec, regularizer, params, slots=None):
        self.spec = spec
        self.reg = regularizer
        self.params = params
        count = slot_count(spec["kind"])
        self.slots = slots if slots is not None else [[torch.zeros_like(p) for _ in range(count)] for p, _ in params]

    @torch.no_grad()
    def step(self, lr, t):
        """One update at 1-based step t: the regularization gradient joins each weight's
        gradient, the optimizer moves the parameter, then proximal L1 soft-thresholds it."""
        spec, reg = self.spec, self.reg
        l1 = 0.0 if reg["proximal"] else l1_strength(reg)
        l2 = l2_strength(reg)
        for (p, is_weight), slots in zip(self.params, self.slots):
            w = p.detach().double()
            g = p.grad.double()
            if is_weight:
                # added into the float32 gradient one term at a time, as the lab does
                if l2:
                    g = (g + 2 * l2 * w).float().double()
                if l1:
                    g = (g + l1 * torch.sign(w)).float().double()
            kind = spec["kind"]
            if kind == "sgd":
                w = w - lr * g
            elif kind == "momentum":
                v = spec.get("momentum", 0.9) * slots[0].double() - lr * g
                slots[0].copy_(v)
                w = w + slots[0].double()
            else:
                beta1, beta2, eps = spec.get("beta1", 0.9), spec.get("beta2", 0.999), spec.get("eps", 1e-8)
                m = beta1 * slots[0].double() + (1 - beta1) * g
                v = beta2 * slots[1].double() + (1 - beta2) * g * g
                slots[0].copy_(m)
                slots[1].copy_(v)
                # the update reads the moments as stored (float32), as the lab's does
                m, v = slots[0].double(), slots[1].double()
                w = w - (lr * (m / (1 - beta1 ** t))) / (torch.sqrt(v / (1 - beta2 ** t)) + eps)
            p.copy_(w)
            if is_weight and reg["proximal"] and l1_strength(reg) > 0:
                proximal_l1(p, spec, slots, lr, l1_strength(reg), t)


def proximal_l1(w, spec, slots, lr, l1, t):
    """Proximal L1 in the optimizer's metric (proximalL1 in src-shared/engine/optimizers.ts):
    after the update, w <- sign(w) * max(0, |w| - tau), tau = lambda1 times the step size the
    optimizer just used: sgd lr*l1; momentum lr*l1/(1-mu); adam lr*l1/(sqrt(v_hat)+eps) per
    weight (v bias-corrected, as stored after this step). Weights within tau become exactly zero."""
    kind = spec["kind"]
    if kind == "sgd":
        threshold = lr * l1
    elif kind == "momentum":
        threshold = lr * l1 / (1 - spec.get("momentum", 0.9))
    else:
        beta2, eps = spec.get("beta2", 0.999), spec.get("eps", 1e-8)
        threshold = (lr * l1) / (torch.sqrt(slots[1].double() / (1 - beta2 ** t)) + eps)
    v = w.double()
    w.copy_(torch.where(v > threshold, v - threshold, torch.where(v < -threshold, v + threshold, torch.zeros_like(v))))
`;
