"""RegNet (X) and VGG with MMPretrain's module names."""
import numpy as np
import torch.nn as nn

from .common import ConvModule
from .resnet import Bottleneck

REGNET_ARCHS = {
    'regnetx_400mf': dict(w0=24, wa=24.48, wm=2.54, group_w=16, depth=22, bot_mul=1.0),
    'regnetx_800mf': dict(w0=56, wa=35.73, wm=2.28, group_w=16, depth=16, bot_mul=1.0),
    'regnetx_1.6gf': dict(w0=80, wa=34.01, wm=2.25, group_w=24, depth=18, bot_mul=1.0),
    'regnetx_3.2gf': dict(w0=88, wa=26.31, wm=2.25, group_w=48, depth=25, bot_mul=1.0),
    'regnetx_4.0gf': dict(w0=96, wa=38.65, wm=2.43, group_w=40, depth=23, bot_mul=1.0),
    'regnetx_6.4gf': dict(w0=184, wa=60.83, wm=2.07, group_w=56, depth=17, bot_mul=1.0),
    'regnetx_8.0gf': dict(w0=80, wa=49.56, wm=2.88, group_w=120, depth=23, bot_mul=1.0),
    'regnetx_12gf': dict(w0=168, wa=73.36, wm=2.37, group_w=112, depth=19, bot_mul=1.0),
}


def regnet_stages(arch):
    widths_cont = np.arange(arch['depth']) * arch['wa'] + arch['w0']
    ks = np.round(np.log(widths_cont / arch['w0']) / np.log(arch['wm']))
    widths = (np.round(np.divide(arch['w0'] * np.power(arch['wm'], ks), 8)) * 8).astype(int).tolist()
    diff = [w != p for w, p in zip(widths + [0], [0] + widths)]
    stage_widths = [w for w, d in zip(widths, diff[:-1]) if d]
    stage_blocks = np.diff([i for i, d in zip(range(len(diff)), diff) if d]).tolist()
    groups = [arch['group_w']] * len(stage_widths)
    bottleneck = [int(w * arch['bot_mul']) for w in stage_widths]
    groups = [min(g, b) for g, b in zip(groups, bottleneck)]
    bottleneck = [int(round(b / g) * g) for b, g in zip(bottleneck, groups)]
    stage_widths = [int(b / arch['bot_mul']) for b in bottleneck]
    return stage_widths, stage_blocks, groups


class RegNet(nn.Module):
    def __init__(self, arch, stem_channels=32, out_indices=(3,)):
        super().__init__()
        arch = REGNET_ARCHS[arch] if isinstance(arch, str) else arch
        widths, blocks, groups = regnet_stages(arch)
        self.out_indices = out_indices
        self.conv1 = nn.Conv2d(3, stem_channels, 3, 2, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(stem_channels)
        self.relu = nn.ReLU()
        cin = stem_channels
        self.layer_names = []
        for index, (width, count, group) in enumerate(zip(widths, blocks, groups)):
            stage_groups = int(round(width * arch['bot_mul'])) // group
            downsample = nn.Sequential(nn.Conv2d(cin, width, 1, 2, bias=False), nn.BatchNorm2d(width))
            extra = dict(groups=stage_groups, width_per_group=group, base_channels=width)
            layer = [Bottleneck(cin, width, 1, 2, downsample, **extra)]
            layer += [Bottleneck(width, width, 1, 1, None, **extra) for _ in range(1, count)]
            self.add_module(f'layer{index + 1}', nn.Sequential(*layer))
            self.layer_names.append(f'layer{index + 1}')
            cin = width
        self.widths = widths

    def forward(self, x):
        x = self.relu(self.bn1(self.conv1(x)))
        outs = []
        for index, name in enumerate(self.layer_names):
            x = getattr(self, name)(x)
            if index in self.out_indices:
                outs.append(x)
        return tuple(outs)


VGG_ARCHS = {11: (1, 1, 2, 2, 2), 13: (2, 2, 2, 2, 2), 16: (2, 2, 3, 3, 3), 19: (2, 2, 4, 4, 4)}


class VGG(nn.Module):
    def __init__(self, depth, num_classes=-1, with_norm=False):
        super().__init__()
        layers = []
        cin = 3
        for index, blocks in enumerate(VGG_ARCHS[depth]):
            cout = 64 * 2 ** index if index < 4 else 512
            for _ in range(blocks):
                layers.append(ConvModule(cin, cout, 3, 1, 1, norm=with_norm, bias=True))
                cin = cout
            layers.append(nn.MaxPool2d(2, 2))
        self.features = nn.Sequential(*layers)
        self.num_classes = num_classes
        if num_classes > 0:
            self.classifier = nn.Sequential(nn.Linear(512 * 7 * 7, 4096), nn.ReLU(), nn.Dropout(),
                                            nn.Linear(4096, 4096), nn.ReLU(), nn.Dropout(), nn.Linear(4096, num_classes))

    def forward(self, x):
        x = self.features(x)
        if self.num_classes > 0:
            return (self.classifier(x.flatten(1)),)
        return (x,)


class ClsHead(nn.Module):
    def forward(self, feats):
        return feats[-1]
