"""MMPretrain's loss formulas, re-derived in plain torch for the loss fixtures."""
import torch
import torch.nn.functional as F


def weight_reduce_loss(loss, weight=None, reduction='mean', avg_factor=None):
    if weight is not None:
        loss = loss * weight
    if avg_factor is None:
        if reduction == 'mean':
            return loss.mean()
        if reduction == 'sum':
            return loss.sum()
        return loss
    if reduction == 'mean':
        return loss.sum() / avg_factor
    if reduction == 'none':
        return loss
    raise ValueError('avg_factor can not be used with reduction="sum"')


def one_hot(label, classes):
    return F.one_hot(label.long().view(-1), classes)


def soft_cross_entropy(score, label, weight=None, reduction='mean', avg_factor=None, class_weight=None):
    loss = -label * F.log_softmax(score, dim=-1)
    if class_weight is not None:
        loss = loss * class_weight
    loss = loss.sum(dim=-1)
    return weight_reduce_loss(loss, weight, reduction, avg_factor)


def binary_cross_entropy(score, label, weight=None, reduction='mean', avg_factor=None, class_weight=None, pos_weight=None):
    if score.dim() != label.dim():
        label = one_hot(label, score.shape[-1])
    loss = F.binary_cross_entropy_with_logits(score, label.float(), weight=class_weight, pos_weight=pos_weight, reduction='none')
    if weight is not None:
        weight = weight.float().reshape(-1, 1)
    return weight_reduce_loss(loss, weight, reduction, avg_factor)


def label_smooth(score, label, label_smooth_val, mode='original', use_sigmoid=None, weight=None, reduction='mean',
                 avg_factor=None, num_classes=None):
    classes = num_classes or score.shape[1]
    eps = label_smooth_val / (1 + label_smooth_val) if mode == 'classy_vision' else label_smooth_val
    if label.dim() == 1 or (label.dim() == 2 and label.shape[1] == 1):
        label = one_hot(label, classes)
    label = label.float()
    if mode == 'multi_label':
        smoothed = torch.full_like(label, eps)
        smoothed.masked_fill_(label > 0, 1 - eps)
        use_sigmoid = True if use_sigmoid is None else use_sigmoid
    else:
        smoothed = label * (1 - eps) + eps / classes
        use_sigmoid = False if use_sigmoid is None else use_sigmoid
    if use_sigmoid:
        return binary_cross_entropy(score, smoothed, weight, reduction, avg_factor)
    return soft_cross_entropy(score, smoothed, weight, reduction, avg_factor)


def focal(score, target, weight=None, gamma=2.0, alpha=0.25, reduction='mean', avg_factor=None):
    if target.dim() == 1 or (target.dim() == 2 and target.shape[1] == 1):
        target = one_hot(target, score.shape[-1])
    target = target.type_as(score)
    sigmoid = score.sigmoid()
    pt = (1 - sigmoid) * target + sigmoid * (1 - target)
    focal_weight = (alpha * target + (1 - alpha) * (1 - target)) * pt.pow(gamma)
    loss = F.binary_cross_entropy_with_logits(score, target, reduction='none') * focal_weight
    if weight is not None:
        weight = weight.float().reshape(-1, 1)
    return weight_reduce_loss(loss, weight, reduction, avg_factor)


def asymmetric(score, target, weight=None, gamma_pos=0.0, gamma_neg=4.0, clip=0.05, reduction='mean',
               avg_factor=None, use_sigmoid=True, eps=1e-8):
    if target.dim() == 1 or (target.dim() == 2 and target.shape[1] == 1):
        target = one_hot(target, score.shape[-1])
    target = target.type_as(score)
    probability = score.sigmoid() if use_sigmoid else F.softmax(score, dim=-1)
    if clip and clip > 0:
        pt = (1 - probability + clip).clamp(max=1) * (1 - target) + probability * target
    else:
        pt = (1 - probability) * (1 - target) + probability * target
    asymmetric_weight = (1 - pt).pow(gamma_pos * target + gamma_neg * (1 - target))
    loss = -torch.log(pt.clamp(min=eps)) * asymmetric_weight
    if weight is not None:
        weight = weight.float().reshape(-1, 1)
    return weight_reduce_loss(loss, weight, reduction, avg_factor)


def seesaw(score, labels, cum_samples, p=0.8, q=2.0, eps=1e-2, weight=None, reduction='mean', avg_factor=None):
    """One call of SeesawLoss: ``cum_samples`` is updated with the labels first, as MMPretrain does."""
    classes = score.shape[-1]
    for label in labels.unique():
        cum_samples[label] += (labels == label).sum()
    onehot = F.one_hot(labels, classes)
    weights = score.new_ones(onehot.size())
    if p > 0:
        ratio = cum_samples[None, :].clamp(min=1) / cum_samples[:, None].clamp(min=1)
        index = (ratio < 1.0).float()
        weights = weights * (ratio.pow(p) * index + (1 - index))[labels.long(), :]
    if q > 0:
        scores = F.softmax(score.detach(), dim=1)
        self_scores = scores[torch.arange(0, len(scores)), labels.long()]
        matrix = scores / self_scores[:, None].clamp(min=eps)
        index = (matrix > 1.0).float()
        weights = weights * (matrix.pow(q) * index + (1 - index))
    adjusted = score + weights.log() * (1 - onehot)
    loss = F.cross_entropy(adjusted, labels, reduction='none')
    if weight is None:
        weight = labels.new_ones(labels.size(), dtype=torch.float)
    return weight_reduce_loss(loss, weight.float(), reduction, avg_factor)


def l1(pred, target, weight=None, reduction='mean', avg_factor=None):
    return weight_reduce_loss(torch.abs(pred - target), weight, reduction, avg_factor)


def mse(pred, target, weight=None, reduction='mean', avg_factor=None):
    return weight_reduce_loss((pred - target) ** 2, weight, reduction, avg_factor)
