"""SwinTransformer with MMPretrain's (and MMCV's PatchEmbed/PatchMerging/FFN) module names."""
import torch
import torch.nn as nn
import torch.nn.functional as F

from .vision_transformer import FFN

ARCHS = {
    'tiny': dict(embed_dims=96, depths=[2, 2, 6, 2], num_heads=[3, 6, 12, 24]),
    'small': dict(embed_dims=96, depths=[2, 2, 18, 2], num_heads=[3, 6, 12, 24]),
    'base': dict(embed_dims=128, depths=[2, 2, 18, 2], num_heads=[4, 8, 16, 32]),
}


class PatchEmbed(nn.Module):
    def __init__(self, dims, patch):
        super().__init__()
        self.patch = patch
        self.projection = nn.Conv2d(3, dims, patch, patch)
        self.norm = nn.LayerNorm(dims)

    def forward(self, x):
        height, width = x.shape[-2:]
        x = F.pad(x, (0, (self.patch - width % self.patch) % self.patch, 0, (self.patch - height % self.patch) % self.patch))
        x = self.projection(x)
        size = (x.shape[2], x.shape[3])
        return self.norm(x.flatten(2).transpose(1, 2)), size


class PatchMerging(nn.Module):
    """MMCV's PatchMerging: Unfold(2, 2) -> LayerNorm(4C) -> Linear(4C, 2C, no bias)."""

    def __init__(self, cin, cout):
        super().__init__()
        self.sampler = nn.Unfold(2, stride=2)
        self.reduction = nn.Linear(4 * cin, cout, bias=False)
        self.norm = nn.LayerNorm(4 * cin)

    def forward(self, x, size):
        batch, _, channels = x.shape
        height, width = size
        x = x.view(batch, height, width, channels).permute(0, 3, 1, 2)
        x = F.pad(x, (0, width % 2, 0, height % 2))
        x = self.sampler(x).transpose(1, 2)
        return self.reduction(self.norm(x)), ((height + height % 2) // 2, (width + width % 2) // 2)


class WindowMSA(nn.Module):
    def __init__(self, dims, window, heads):
        super().__init__()
        self.window = window
        self.heads = heads
        self.scale = (dims // heads) ** -0.5
        self.relative_position_bias_table = nn.Parameter(torch.zeros((2 * window - 1) ** 2, heads))
        seq1 = torch.arange(0, (2 * window - 1) * window, 2 * window - 1)
        seq2 = torch.arange(0, window, 1)
        coords = (seq1[:, None] + seq2[None, :]).reshape(1, -1)
        self.register_buffer('relative_position_index', (coords + coords.T).flip(1).contiguous())
        self.qkv = nn.Linear(dims, dims * 3)
        self.proj = nn.Linear(dims, dims)

    def forward(self, x, mask=None):
        batch, length, channels = x.shape
        qkv = self.qkv(x).reshape(batch, length, 3, self.heads, channels // self.heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        attn = (q * self.scale) @ k.transpose(-2, -1)
        bias = self.relative_position_bias_table[self.relative_position_index.view(-1)].view(length, length, -1)
        attn = attn + bias.permute(2, 0, 1).unsqueeze(0)
        if mask is not None:
            windows = mask.shape[0]
            attn = attn.view(batch // windows, windows, self.heads, length, length) + mask.unsqueeze(1).unsqueeze(0)
            attn = attn.view(-1, self.heads, length, length)
        attn = attn.softmax(dim=-1)
        return self.proj((attn @ v).transpose(1, 2).reshape(batch, length, channels))


class ShiftWindowMSA(nn.Module):
    def __init__(self, dims, heads, window, shift):
        super().__init__()
        self.window = window
        self.shift = shift
        self.w_msa = WindowMSA(dims, window, heads)

    def forward(self, x, size):
        batch, length, channels = x.shape
        height, width = size
        x = x.view(batch, height, width, channels)
        window = self.window
        shift = self.shift if min(height, width) > window else 0
        pad_r = (window - width % window) % window
        pad_b = (window - height % window) % window
        x = F.pad(x, (0, 0, 0, pad_r, 0, pad_b))
        hp, wp = x.shape[1], x.shape[2]
        mask = None
        if shift > 0:
            x = torch.roll(x, shifts=(-shift, -shift), dims=(1, 2))
            img = torch.zeros(1, hp, wp, 1)
            count = 0
            for h in (slice(0, -window), slice(-window, -shift), slice(-shift, None)):
                for w in (slice(0, -window), slice(-window, -shift), slice(-shift, None)):
                    img[:, h, w, :] = count
                    count += 1
            windows = partition(img, window).view(-1, window * window)
            mask = windows.unsqueeze(1) - windows.unsqueeze(2)
            mask = mask.masked_fill(mask != 0, -100.0).masked_fill(mask == 0, 0.0)
        windows = partition(x, window).view(-1, window * window, channels)
        out = self.w_msa(windows, mask).view(-1, window, window, channels)
        out = out.view(batch, hp // window, wp // window, window, window, -1).permute(0, 1, 3, 2, 4, 5).reshape(batch, hp, wp, -1)
        if shift > 0:
            out = torch.roll(out, shifts=(shift, shift), dims=(1, 2))
        return out[:, :height, :width, :].reshape(batch, height * width, channels)


def partition(x, window):
    batch, height, width, channels = x.shape
    x = x.view(batch, height // window, window, width // window, window, channels)
    return x.permute(0, 1, 3, 2, 4, 5).reshape(-1, window, window, channels)


class SwinBlock(nn.Module):
    def __init__(self, dims, heads, window, shift):
        super().__init__()
        self.norm1 = nn.LayerNorm(dims)
        self.attn = ShiftWindowMSA(dims, heads, window, window // 2 if shift else 0)
        self.norm2 = nn.LayerNorm(dims)
        self.ffn = FFN(dims, 4 * dims)

    def forward(self, x, size):
        x = x + self.attn(self.norm1(x), size)
        return self.ffn(self.norm2(x), identity=x)


class SwinBlockSequence(nn.Module):
    def __init__(self, dims, depth, heads, window, downsample):
        super().__init__()
        self.blocks = nn.ModuleList([SwinBlock(dims, heads, window, index % 2 == 1) for index in range(depth)])
        self.downsample = PatchMerging(dims, 2 * dims) if downsample else None


class SwinTransformer(nn.Module):
    def __init__(self, arch='tiny', patch_size=4, window_size=7, out_indices=(3,)):
        super().__init__()
        settings = ARCHS[arch] if isinstance(arch, str) else arch
        dims = settings['embed_dims']
        self.out_indices = out_indices
        self.patch_embed = PatchEmbed(dims, patch_size)
        self.stages = nn.ModuleList()
        features = []
        for index, (depth, heads) in enumerate(zip(settings['depths'], settings['num_heads'])):
            last = index == len(settings['depths']) - 1
            self.stages.append(SwinBlockSequence(dims, depth, heads, window_size, not last))
            features.append(dims)
            if not last:
                dims *= 2
        for index in out_indices:
            self.add_module(f'norm{index}', nn.LayerNorm(features[index]))
        self.features = features

    def forward(self, x):
        x, size = self.patch_embed(x)
        outs = []
        for index, stage in enumerate(self.stages):
            for block in stage.blocks:
                x = block(x, size)
            if index in self.out_indices:
                out = getattr(self, f'norm{index}')(x)
                outs.append(out.view(-1, size[0], size[1], self.features[index]).permute(0, 3, 1, 2))
            if stage.downsample is not None:
                x, size = stage.downsample(x, size)
        return tuple(outs)
