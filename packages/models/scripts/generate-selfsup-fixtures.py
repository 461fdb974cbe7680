#!/usr/bin/python3
"""Generates the reference values of @mmpt/models' self-supervised algorithms from PyTorch.

Run from anywhere with the system Python (PyTorch 1.13):

    /usr/bin/python3 packages/models/scripts/generate-selfsup-fixtures.py

It writes packages/models/src/selfsup/__fixtures__/selfsup.json: fixed random inputs and weights,
and the values MMPretrain's formulas give for them (loss heads, losses, necks, momentum encoders
and their queues, the MAE decoder, the sine-cosine position embedding). MMPretrain is not needed:
its formulas are written out below in plain torch, with its module and state-dict names (the ViT
layer comes from ./reference). CI never runs this script; the fixture is committed.
"""
import json
import math
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from reference.vision_transformer import TransformerEncoderLayer  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src', 'selfsup', '__fixtures__', 'selfsup.json')


def encode(value):
    """A tensor as {shape, data} (float32 values rounded to 8 significant digits)."""
    value = value.detach().to(torch.float32)
    return {'shape': list(value.shape), 'data': [float('%.8g' % x) for x in value.flatten().tolist()]}


def state(module):
    return {name: encode(value) for name, value in module.state_dict().items() if value.dtype.is_floating_point}


def randomize(module, generator):
    """Random weights (and BatchNorm statistics) so that no value is a default."""
    with torch.no_grad():
        for name, value in module.state_dict().items():
            if value.dtype.is_floating_point:
                fresh = torch.randn(value.shape, generator=generator) * 0.5
                if name.endswith('running_var') or (name.endswith('weight') and value.dim() == 1):
                    fresh = fresh.abs() + 0.5
                value.copy_(fresh)
    return module


# ---------------------------------------------------------------------------------------------
# MMPretrain's formulas in plain torch.

def sincos_position_embedding(patches_resolution, embed_dims, temperature=10000., cls_token=False):
    h, w = patches_resolution
    grid_w = torch.arange(w, dtype=torch.float32)
    grid_h = torch.arange(h, dtype=torch.float32)
    grid_w, grid_h = torch.meshgrid(grid_w, grid_h, indexing='ij')
    pos_dim = embed_dims // 4
    omega = torch.arange(pos_dim, dtype=torch.float32) / pos_dim
    omega = 1. / (temperature**omega)
    out_w = torch.einsum('m,d->md', [grid_w.flatten(), omega])
    out_h = torch.einsum('m,d->md', [grid_h.flatten(), omega])
    pos_emb = torch.cat([torch.sin(out_w), torch.cos(out_w), torch.sin(out_h), torch.cos(out_h)], dim=1)[None, :, :]
    if cls_token:
        pos_emb = torch.cat([torch.zeros([1, 1, embed_dims]), pos_emb], dim=1)
    return pos_emb


def cross_entropy(logits, labels, loss_weight=1.0):
    return loss_weight * F.cross_entropy(logits, labels)


def contrastive_head(pos, neg, temperature):
    logits = torch.cat((pos, neg), dim=1) / temperature
    return cross_entropy(logits, torch.zeros((pos.size(0),), dtype=torch.long))


def pixel_reconstruction_loss(pred, target, mask=None, criterion='L2', channel=None):
    loss = F.mse_loss(pred, target, reduction='none') if criterion == 'L2' else F.l1_loss(pred, target, reduction='none')
    if len(loss.shape) == 3:
        loss = loss.mean(dim=-1)
    if mask is None:
        return loss.mean()
    return (loss * mask).sum() / mask.sum() / (channel if channel is not None else 1)


def cosine_similarity_loss(pred, target, mask=None, shift_factor=0.0, scale_factor=1.0):
    loss = shift_factor - scale_factor * (F.normalize(pred, dim=-1) * F.normalize(target, dim=-1)).sum(dim=-1)
    if mask is None:
        return loss.mean()
    return (loss * mask).sum() / mask.sum()


def patchify(imgs, p):
    h = w = imgs.shape[2] // p
    x = imgs.reshape(shape=(imgs.shape[0], 3, h, p, w, p))
    x = torch.einsum('nchpwq->nhwpqc', x)
    return x.reshape(shape=(imgs.shape[0], h * w, p**2 * 3))


def mae_head_loss(pred, imgs, mask, patch_size, norm_pix):
    target = patchify(imgs, patch_size)
    if norm_pix:
        mean = target.mean(dim=-1, keepdim=True)
        var = target.var(dim=-1, keepdim=True)
        target = (target - mean) / (var + 1.e-6)**.5
    return pixel_reconstruction_loss(pred, target, mask, 'L2')


def simmim_head_loss(pred, target, mask, patch_size):
    mask = mask.repeat_interleave(patch_size, 1).repeat_interleave(patch_size, 2).unsqueeze(1).contiguous()
    return pixel_reconstruction_loss(pred, target, mask, 'L1', channel=3)


class NonLinearNeck(nn.Module):
    """MMPretrain's NonLinearNeck (norm: BatchNorm1d, as SyncBN on one device)."""

    def __init__(self, in_channels, hid_channels, out_channels, num_layers=2, with_bias=False, with_last_bn=True,
                 with_last_bn_affine=True, with_last_bias=False, with_avg_pool=True):
        super().__init__()
        self.with_avg_pool = with_avg_pool
        self.relu = nn.ReLU()
        self.fc0 = nn.Linear(in_channels, hid_channels, bias=with_bias)
        self.bn0 = nn.BatchNorm1d(hid_channels)
        self.fc_names, self.bn_names = [], []
        for i in range(1, num_layers):
            this_channels = out_channels if i == num_layers - 1 else hid_channels
            if i != num_layers - 1:
                self.add_module(f'fc{i}', nn.Linear(hid_channels, this_channels, bias=with_bias))
                self.add_module(f'bn{i}', nn.BatchNorm1d(this_channels))
                self.bn_names.append(f'bn{i}')
            else:
                self.add_module(f'fc{i}', nn.Linear(hid_channels, this_channels, bias=with_last_bias))
                if with_last_bn:
                    self.add_module(f'bn{i}', nn.BatchNorm1d(this_channels, affine=with_last_bn_affine))
                    self.bn_names.append(f'bn{i}')
                else:
                    self.bn_names.append(None)
            self.fc_names.append(f'fc{i}')

    def forward(self, x):
        x = x[0]
        if self.with_avg_pool:
            x = F.adaptive_avg_pool2d(x, (1, 1))
        x = self.bn0(self.fc0(x.view(x.size(0), -1)))
        for fc_name, bn_name in zip(self.fc_names, self.bn_names):
            x = getattr(self, fc_name)(self.relu(x))
            if bn_name is not None:
                x = getattr(self, bn_name)(x)
        return (x,)


class MoCoV2Neck(nn.Module):
    def __init__(self, in_channels, hid_channels, out_channels):
        super().__init__()
        self.mlp = nn.Sequential(nn.Linear(in_channels, hid_channels), nn.ReLU(), nn.Linear(hid_channels, out_channels))

    def forward(self, x):
        x = F.adaptive_avg_pool2d(x[0], (1, 1))
        return (self.mlp(x.view(x.size(0), -1)),)


class Identity(nn.Module):
    """The test backbone: returns its input as the one feature."""

    def forward(self, x):
        return (x,)


class EMA:
    """MMEngine's ExponentialMovingAverage / MMPretrain's CosineEMA update rule on a module copy."""

    def __init__(self, module, momentum, cosine=False, end_momentum=0., max_iters=None):
        import copy
        self.module = copy.deepcopy(module)
        for p in self.module.parameters():
            p.requires_grad_(False)
        self.momentum, self.cosine, self.end_momentum, self.max_iters = momentum, cosine, end_momentum, max_iters
        self.steps = 0

    def update_parameters(self, model):
        src = dict(model.named_parameters())
        for k, p_avg in self.module.named_parameters():
            if self.steps == 0:
                p_avg.data.copy_(src[k].data)
            elif self.cosine:
                cosine_annealing = (math.cos(math.pi * self.steps / float(self.max_iters)) + 1) / 2
                m = self.end_momentum - (self.end_momentum - self.momentum) * cosine_annealing
                p_avg.data.mul_(1 - m).add_(src[k].data, alpha=m)
            else:
                p_avg.data.lerp_(src[k].data, self.momentum)
        for b_avg, b_src in zip(self.module.buffers(), model.buffers()):
            b_avg.data.copy_(b_src.data)
        self.steps += 1

    def __call__(self, x):
        return self.module(x)


def perturb(module, generator, scale=0.1):
    """Moves every parameter as an optimizer step would (a fixed random delta)."""
    with torch.no_grad():
        for p in module.parameters():
            p.add_(torch.randn(p.shape, generator=generator) * scale)


# ---------------------------------------------------------------------------------------------
# Cases.

def loss_cases(g):
    cases = {}
    pos, neg = torch.randn(4, 1, generator=g), torch.randn(4, 6, generator=g)
    cases['contrastive_head'] = {'pos': encode(pos), 'neg': encode(neg), 'temperature': 0.2, 'loss': contrastive_head(pos, neg, 0.2).item()}

    pred3, target3 = torch.randn(2, 4, 6, generator=g), torch.randn(2, 4, 6, generator=g)
    mask3 = (torch.rand(2, 4, generator=g) > 0.5).float()
    mask3[0, 0] = 1
    pred4, target4 = torch.randn(2, 3, 4, 4, generator=g), torch.randn(2, 3, 4, 4, generator=g)
    mask4 = (torch.rand(2, 1, 4, 4, generator=g) > 0.5).float()
    cases['pixel_reconstruction'] = {
        'pred3': encode(pred3), 'target3': encode(target3), 'mask3': encode(mask3),
        'pred4': encode(pred4), 'target4': encode(target4), 'mask4': encode(mask4),
        'l2_masked': pixel_reconstruction_loss(pred3, target3, mask3, 'L2').item(),
        'l1_masked': pixel_reconstruction_loss(pred3, target3, mask3, 'L1').item(),
        'l2_unmasked': pixel_reconstruction_loss(pred3, target3, None, 'L2').item(),
        'l1_pixels_channel3': pixel_reconstruction_loss(pred4, target4, mask4, 'L1', channel=3).item(),
    }

    pred, target = torch.randn(3, 5, generator=g), torch.randn(3, 5, generator=g)
    mask = torch.tensor([1., 0., 1.])
    cases['cosine_similarity'] = {
        'pred': encode(pred), 'target': encode(target), 'mask': encode(mask),
        'plain': cosine_similarity_loss(pred, target).item(),
        'shifted_scaled': cosine_similarity_loss(pred, target, shift_factor=2.0, scale_factor=2.0).item(),
        'masked': cosine_similarity_loss(pred, target, mask).item(),
    }

    imgs = torch.randn(2, 3, 8, 8, generator=g)
    pred = torch.randn(2, 4, 48, generator=g)
    mask = torch.tensor([[1., 0., 1., 1.], [0., 1., 1., 1.]])
    cases['mae_head'] = {
        'imgs': encode(imgs), 'pred': encode(pred), 'mask': encode(mask), 'patch_size': 4,
        'patches': encode(patchify(imgs, 4)),
        'loss': mae_head_loss(pred, imgs, mask, 4, False).item(),
        'loss_norm_pix': mae_head_loss(pred, imgs, mask, 4, True).item(),
    }

    pred, target = torch.randn(2, 3, 8, 8, generator=g), torch.randn(2, 3, 8, 8, generator=g)
    mask = (torch.rand(2, 4, 4, generator=g) > 0.4).float()
    cases['simmim_head'] = {'pred': encode(pred), 'target': encode(target), 'mask': encode(mask), 'patch_size': 2,
                            'loss': simmim_head_loss(pred, target, mask, 2).item()}

    cases['sincos'] = {'resolution': [2, 3], 'embed_dims': 8, 'value': encode(sincos_position_embedding((2, 3), 8, cls_token=True))}
    return cases


def simclr_case(g):
    neck = randomize(NonLinearNeck(4, 6, 5), g)
    weights = state(neck)
    v1, v2 = torch.randn(3, 4, 2, 2, generator=g), torch.randn(3, 4, 2, 2, generator=g)
    inputs = torch.stack([v1, v2], 1).reshape(6, 4, 2, 2)
    z = neck((inputs,))[0]
    z = z / (torch.norm(z, p=2, dim=1, keepdim=True) + 1e-10)
    n = z.size(0) // 2
    s = torch.matmul(z, z.permute(1, 0))
    mask = 1 - torch.eye(n * 2, dtype=torch.uint8)
    pos_idx = (torch.arange(n * 2), 2 * torch.arange(n, dtype=torch.long).unsqueeze(1).repeat(1, 2).view(-1, 1).squeeze())
    neg_mask = torch.ones((n * 2, n * 2 - 1), dtype=torch.uint8)
    neg_mask[pos_idx] = 0
    s = torch.masked_select(s, mask == 1).reshape(s.size(0), -1)
    positive = s[pos_idx].unsqueeze(1)
    negative = torch.masked_select(s, neg_mask == 1).reshape(s.size(0), -1)
    loss = contrastive_head(positive, negative, 0.1)
    loss.backward()
    return {'neck': weights, 'views': [encode(v1), encode(v2)], 'temperature': 0.1, 'loss': loss.item(),
            'grad_fc0_weight': encode(neck.fc0.weight.grad)}


def moco_case(g):
    neck = randomize(MoCoV2Neck(4, 6, 5), g)
    weights = state(neck)
    queue = F.normalize(torch.randn(5, 6, generator=g), dim=0)
    queue_len, momentum, temperature = 6, 0.1, 0.2
    online = nn.Sequential(Identity(), neck)
    encoder_k = EMA(online, momentum)
    initial_queue = encode(queue)
    steps = []
    ptr = 0
    for step in range(3):
        if step > 0:
            perturb(neck, g)
        im_q, im_k = torch.randn(3, 4, 2, 2, generator=g), torch.randn(3, 4, 2, 2, generator=g)
        q = F.normalize(neck((im_q,))[0], dim=1)
        with torch.no_grad():
            encoder_k.update_parameters(online)
            k = F.normalize(encoder_k(im_k)[0], dim=1)
        l_pos = torch.einsum('nc,nc->n', [q, k]).unsqueeze(-1)
        l_neg = torch.einsum('nc,ck->nk', [q, queue.clone().detach()])
        loss = contrastive_head(l_pos, l_neg, temperature)
        queue[:, ptr:ptr + 3] = k.transpose(0, 1)
        ptr = (ptr + 3) % queue_len
        steps.append({'online': state(neck), 'views': [encode(im_q), encode(im_k)], 'loss': loss.item(),
                      'encoder_k': state(encoder_k.module[1]), 'queue_after': encode(queue), 'ptr_after': ptr})
    return {'initial_queue': initial_queue, 'queue_len': queue_len, 'feat_dim': 5, 'momentum': momentum, 'temperature': temperature, 'steps': steps}


def byol_case(g, simsiam=False):
    if simsiam:
        neck = randomize(NonLinearNeck(4, 6, 5, num_layers=3, with_last_bn_affine=False), g)
        predictor = randomize(NonLinearNeck(5, 3, 5, with_avg_pool=False, with_last_bn=False, with_last_bias=True), g)
    else:
        neck = randomize(NonLinearNeck(4, 6, 5), g)
        predictor = randomize(NonLinearNeck(5, 6, 5, with_avg_pool=False), g)
    online = nn.Sequential(Identity(), neck)
    target_net = None if simsiam else EMA(online, 0.2, cosine=True, end_momentum=1.0, max_iters=4)
    steps = []
    for step in range(1 if simsiam else 3):
        if step > 0:
            perturb(neck, g)
            perturb(predictor, g)
        v1, v2 = torch.randn(4, 4, 2, 2, generator=g), torch.randn(4, 4, 2, 2, generator=g)
        record = {'neck': state(neck), 'predictor': state(predictor), 'views': [encode(v1), encode(v2)]}
        z1, z2 = neck((v1,))[0], neck((v2,))[0]

        def head(x, target):
            return cosine_similarity_loss(predictor((x,))[0], target.detach())

        if simsiam:
            loss = 0.5 * (head(z1, z2) + head(z2, z1))
        else:
            with torch.no_grad():
                target_net.update_parameters(online)
                t1, t2 = target_net(v1)[0], target_net(v2)[0]
            loss = 2. * (head(z1, t2) + head(z2, t1))
            record['target_net'] = state(target_net.module[1])
        record['loss'] = loss.item()
        steps.append(record)
    return {'steps': steps} if not simsiam else steps[0]


def mocov3_head_case(g):
    predictor = randomize(NonLinearNeck(5, 6, 5, with_avg_pool=False), g)
    base_out, momentum_out = torch.randn(4, 5, generator=g), torch.randn(4, 5, generator=g)
    pred = F.normalize(predictor((base_out,))[0], dim=1)
    target = F.normalize(momentum_out, dim=1)
    logits = torch.einsum('nc,mc->nm', [pred, target]) / 0.2
    loss = cross_entropy(logits, torch.arange(4), loss_weight=2 * 0.2)
    return {'predictor': state(predictor), 'base_out': encode(base_out), 'momentum_out': encode(momentum_out),
            'temperature': 0.2, 'loss_weight': 0.4, 'loss': loss.item()}


class MAEPretrainDecoder(nn.Module):
    def __init__(self, num_patches, patch_size, in_chans, embed_dim, decoder_embed_dim, decoder_depth, decoder_num_heads, mlp_ratio):
        super().__init__()
        self.decoder_embed = nn.Linear(embed_dim, decoder_embed_dim, bias=True)
        self.mask_token = nn.Parameter(torch.zeros(1, 1, decoder_embed_dim))
        self.decoder_pos_embed = nn.Parameter(torch.zeros(1, num_patches + 1, decoder_embed_dim), requires_grad=False)
        self.decoder_blocks = nn.ModuleList([
            TransformerEncoderLayer(decoder_embed_dim, decoder_num_heads, int(mlp_ratio * decoder_embed_dim))
            for _ in range(decoder_depth)])
        self.ln1 = nn.LayerNorm(decoder_embed_dim, eps=1e-6)
        self.decoder_pred = nn.Linear(decoder_embed_dim, patch_size**2 * in_chans, bias=True)

    def forward(self, x, ids_restore):
        x = self.decoder_embed(x)
        mask_tokens = self.mask_token.repeat(x.shape[0], ids_restore.shape[1] + 1 - x.shape[1], 1)
        x_ = torch.cat([x[:, 1:, :], mask_tokens], dim=1)
        x_ = torch.gather(x_, dim=1, index=ids_restore.unsqueeze(-1).repeat(1, 1, x.shape[2]))
        x = torch.cat([x[:, :1, :], x_], dim=1)
        x = x + self.decoder_pos_embed
        for blk in self.decoder_blocks:
            x = blk(x)
        x = self.ln1(x)
        x = self.decoder_pred(x)
        return x[:, 1:, :]


def mae_decoder_case(g):
    decoder = randomize(MAEPretrainDecoder(4, 2, 3, 8, 8, 1, 2, 2), g)
    x = torch.randn(2, 2, 8, generator=g)
    ids_restore = torch.stack([torch.randperm(4, generator=g) for _ in range(2)])
    return {'weights': state(decoder), 'x': encode(x), 'ids_restore': ids_restore.tolist(), 'output': encode(decoder(x, ids_restore))}


def main():
    g = torch.Generator().manual_seed(20240610)
    fixture = {
        'note': 'Written by packages/models/scripts/generate-selfsup-fixtures.py with PyTorch ' + torch.__version__,
        'losses': loss_cases(g),
        'simclr': simclr_case(g),
        'moco': moco_case(g),
        'byol': byol_case(g),
        'simsiam': byol_case(g, simsiam=True),
        'mocov3_head': mocov3_head_case(g),
        'mae_decoder': mae_decoder_case(g),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, 'w') as handle:
        json.dump(fixture, handle, separators=(',', ':'))
    print(f'wrote {os.path.relpath(OUT)} ({os.path.getsize(OUT)} bytes)')


if __name__ == '__main__':
    main()
