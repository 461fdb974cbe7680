"""ConvNeXt with MMPretrain's module names."""
import torch
import torch.nn as nn
import torch.nn.functional as F

ARCHS = {
    'tiny': dict(depths=[3, 3, 9, 3], channels=[96, 192, 384, 768]),
    'small': dict(depths=[3, 3, 27, 3], channels=[96, 192, 384, 768]),
    'base': dict(depths=[3, 3, 27, 3], channels=[128, 256, 512, 1024]),
}


class LayerNorm2d(nn.LayerNorm):
    """MMPretrain's LayerNorm2d: LayerNorm over the channels of NCHW (or of NHWC, channel_last)."""

    def forward(self, x, channel_last=False):
        if channel_last:
            return F.layer_norm(x, self.normalized_shape, self.weight, self.bias, self.eps)
        x = x.permute(0, 2, 3, 1)
        x = F.layer_norm(x, self.normalized_shape, self.weight, self.bias, self.eps)
        return x.permute(0, 3, 1, 2)


class ConvNeXtBlock(nn.Module):
    def __init__(self, channels, layer_scale=1e-6):
        super().__init__()
        self.depthwise_conv = nn.Conv2d(channels, channels, 7, padding=3, groups=channels)
        self.norm = LayerNorm2d(channels, eps=1e-6)
        self.pointwise_conv1 = nn.Linear(channels, 4 * channels)
        self.act = nn.GELU()
        self.pointwise_conv2 = nn.Linear(4 * channels, channels)
        self.gamma = nn.Parameter(layer_scale * torch.ones(channels)) if layer_scale > 0 else None

    def forward(self, x):
        shortcut = x
        x = self.depthwise_conv(x).permute(0, 2, 3, 1)
        x = self.pointwise_conv2(self.act(self.pointwise_conv1(self.norm(x, channel_last=True))))
        x = x.permute(0, 3, 1, 2)
        if self.gamma is not None:
            x = x * self.gamma.view(1, -1, 1, 1)
        return shortcut + x


class ConvNeXt(nn.Module):
    def __init__(self, arch='tiny', out_indices=(3,), stem_patch_size=4):
        super().__init__()
        settings = ARCHS[arch] if isinstance(arch, str) else arch
        depths, channels = settings['depths'], settings['channels']
        self.out_indices = out_indices
        self.downsample_layers = nn.ModuleList()
        self.downsample_layers.append(nn.Sequential(
            nn.Conv2d(3, channels[0], stem_patch_size, stem_patch_size), LayerNorm2d(channels[0], eps=1e-6)))
        self.stages = nn.ModuleList()
        for index, depth in enumerate(depths):
            if index >= 1:
                self.downsample_layers.append(nn.Sequential(
                    LayerNorm2d(channels[index - 1], eps=1e-6), nn.Conv2d(channels[index - 1], channels[index], 2, 2)))
            self.stages.append(nn.Sequential(*[ConvNeXtBlock(channels[index]) for _ in range(depth)]))
            if index in out_indices:
                self.add_module(f'norm{index}', LayerNorm2d(channels[index], eps=1e-6))

    def forward(self, x):
        outs = []
        for index, stage in enumerate(self.stages):
            x = stage(self.downsample_layers[index](x))
            if index in self.out_indices:
                outs.append(getattr(self, f'norm{index}')(x.mean([-2, -1], keepdim=True)).flatten(1))
        return tuple(outs)
