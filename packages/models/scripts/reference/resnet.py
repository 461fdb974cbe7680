"""ResNet, ResNetV1c/V1d, ResNet_CIFAR, ResNeXt and SEResNet with MMPretrain's module names."""
import torch.nn as nn

from .common import ConvModule, SELayer


class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, cin, cout, expansion=1, stride=1, downsample=None, **_):
        super().__init__()
        mid = cout // expansion
        self.conv1 = nn.Conv2d(cin, mid, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(mid)
        self.conv2 = nn.Conv2d(mid, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.relu = nn.ReLU()
        self.downsample = downsample

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        identity = self.downsample(x) if self.downsample is not None else x
        return self.relu(out + identity)


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, cin, cout, expansion=4, stride=1, downsample=None, groups=1, width_per_group=None,
                 base_channels=64, se_ratio=None):
        super().__init__()
        mid = cout // expansion
        if width_per_group is not None and groups != 1:
            mid = groups * width_per_group * mid // base_channels
        self.conv1 = nn.Conv2d(cin, mid, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(mid)
        self.conv2 = nn.Conv2d(mid, mid, 3, stride, 1, groups=groups, bias=False)
        self.bn2 = nn.BatchNorm2d(mid)
        self.conv3 = nn.Conv2d(mid, cout, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(cout)
        self.relu = nn.ReLU()
        self.downsample = downsample
        self.se_layer = SELayer(cout, ratio=se_ratio) if se_ratio is not None else None

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        if self.se_layer is not None:
            out = self.se_layer(out)
        identity = self.downsample(x) if self.downsample is not None else x
        return self.relu(out + identity)


ARCH = {
    18: (BasicBlock, (2, 2, 2, 2)),
    34: (BasicBlock, (3, 4, 6, 3)),
    50: (Bottleneck, (3, 4, 6, 3)),
    101: (Bottleneck, (3, 4, 23, 3)),
    152: (Bottleneck, (3, 8, 36, 3)),
}


class ResNet(nn.Module):
    """MMPretrain's ResNet (style pytorch) with deep_stem/avg_down (V1c/V1d) and the CIFAR stem."""

    def __init__(self, depth, stem_channels=64, base_channels=64, out_indices=(3,), deep_stem=False,
                 avg_down=False, cifar=False, block_options=None):
        super().__init__()
        block, stage_blocks = ARCH[depth]
        block_options = block_options or {}
        self.out_indices = out_indices
        self.deep_stem = deep_stem
        self.cifar = cifar
        if cifar:
            self.conv1 = nn.Conv2d(3, stem_channels, 3, 1, 1, bias=False)
            self.bn1 = nn.BatchNorm2d(stem_channels)
            self.relu = nn.ReLU()
        elif deep_stem:
            half = stem_channels // 2
            self.stem = nn.Sequential(
                ConvModule(3, half, 3, 2, 1), ConvModule(half, half, 3, 1, 1), ConvModule(half, stem_channels, 3, 1, 1))
        else:
            self.conv1 = nn.Conv2d(3, stem_channels, 7, 2, 3, bias=False)
            self.bn1 = nn.BatchNorm2d(stem_channels)
            self.relu = nn.ReLU()
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        cin = stem_channels
        cout = base_channels * block.expansion
        self.layer_names = []
        for index, blocks in enumerate(stage_blocks):
            stride = 1 if index == 0 else 2
            downsample = None
            if stride != 1 or cin != cout:
                layers = []
                conv_stride = stride
                if avg_down and stride != 1:
                    conv_stride = 1
                    layers.append(nn.AvgPool2d(stride, stride, ceil_mode=True, count_include_pad=False))
                layers += [nn.Conv2d(cin, cout, 1, conv_stride, bias=False), nn.BatchNorm2d(cout)]
                downsample = nn.Sequential(*layers)
            extra = dict(block_options)
            if block is Bottleneck and 'width_per_group' in extra:
                extra['base_channels'] = base_channels
            layer = [block(cin, cout, block.expansion, stride, downsample, **extra)]
            for _ in range(1, blocks):
                layer.append(block(cout, cout, block.expansion, 1, None, **extra))
            name = f'layer{index + 1}'
            self.add_module(name, nn.Sequential(*layer))
            self.layer_names.append(name)
            cin = cout
            cout *= 2

    def forward(self, x):
        if self.cifar:
            x = self.relu(self.bn1(self.conv1(x)))
        elif self.deep_stem:
            x = self.maxpool(self.stem(x))
        else:
            x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        outs = []
        for index, name in enumerate(self.layer_names):
            x = getattr(self, name)(x)
            if index in self.out_indices:
                outs.append(x)
        return tuple(outs)
