"""MobileNetV2 and MobileNetV3 with MMPretrain's module names."""
import torch.nn as nn

from .common import ConvModule, SELayer, make_divisible


class V2InvertedResidual(nn.Module):
    """The block of MMPretrain's MobileNetV2 (a Sequential named ``conv``)."""

    def __init__(self, cin, cout, stride, expand_ratio):
        super().__init__()
        self.use_res_connect = stride == 1 and cin == cout
        hidden = int(round(cin * expand_ratio))
        layers = []
        if expand_ratio != 1:
            layers.append(ConvModule(cin, hidden, 1, act='ReLU6'))
        layers += [
            ConvModule(hidden, hidden, 3, stride, 1, groups=hidden, act='ReLU6'),
            ConvModule(hidden, cout, 1, act=None),
        ]
        self.conv = nn.Sequential(*layers)

    def forward(self, x):
        return x + self.conv(x) if self.use_res_connect else self.conv(x)


class MobileNetV2(nn.Module):
    settings = [[1, 16, 1, 1], [6, 24, 2, 2], [6, 32, 3, 2], [6, 64, 4, 2], [6, 96, 3, 1], [6, 160, 3, 2], [6, 320, 1, 1]]

    def __init__(self, widen_factor=1.0, out_indices=(7,)):
        super().__init__()
        self.out_indices = out_indices
        channels = make_divisible(32 * widen_factor, 8)
        self.conv1 = ConvModule(3, channels, 3, 2, 1, act='ReLU6')
        self.layer_names = []
        for index, (expand, width, blocks, stride) in enumerate(self.settings):
            cout = make_divisible(width * widen_factor, 8)
            layer = []
            for block in range(blocks):
                layer.append(V2InvertedResidual(channels, cout, stride if block == 0 else 1, expand))
                channels = cout
            self.add_module(f'layer{index + 1}', nn.Sequential(*layer))
            self.layer_names.append(f'layer{index + 1}')
        out_channel = int(1280 * widen_factor) if widen_factor > 1.0 else 1280
        self.conv2 = ConvModule(channels, out_channel, 1, act='ReLU6')
        self.layer_names.append('conv2')

    def forward(self, x):
        x = self.conv1(x)
        outs = []
        for index, name in enumerate(self.layer_names):
            x = getattr(self, name)(x)
            if index in self.out_indices:
                outs.append(x)
        return tuple(outs)


class InvertedResidual(nn.Module):
    """MMPretrain's utils.InvertedResidual (MobileNetV3, EfficientNet)."""

    def __init__(self, cin, cout, mid, kernel, stride, se=None, act='ReLU', eps=1e-5, momentum=0.1):
        super().__init__()
        self.with_res_shortcut = stride == 1 and cin == cout
        self.with_expand_conv = mid != cin
        norm = dict(eps=eps, momentum=momentum)
        if self.with_expand_conv:
            self.expand_conv = ConvModule(cin, mid, 1, act=act, **norm)
        self.depthwise_conv = ConvModule(mid, mid, kernel, stride, kernel // 2, groups=mid, act=act, **norm)
        self.se = se
        self.linear_conv = ConvModule(mid, cout, 1, act=None, **norm)

    def forward(self, x):
        out = self.expand_conv(x) if self.with_expand_conv else x
        out = self.depthwise_conv(out)
        if self.se is not None:
            out = self.se(out)
        out = self.linear_conv(out)
        return x + out if self.with_res_shortcut else out


V3_SETTINGS = {
    'small': [[3, 16, 16, True, 'ReLU', 2], [3, 72, 24, False, 'ReLU', 2], [3, 88, 24, False, 'ReLU', 1],
              [5, 96, 40, True, 'HSwish', 2], [5, 240, 40, True, 'HSwish', 1], [5, 240, 40, True, 'HSwish', 1],
              [5, 120, 48, True, 'HSwish', 1], [5, 144, 48, True, 'HSwish', 1], [5, 288, 96, True, 'HSwish', 2],
              [5, 576, 96, True, 'HSwish', 1], [5, 576, 96, True, 'HSwish', 1]],
    'large': [[3, 16, 16, False, 'ReLU', 1], [3, 64, 24, False, 'ReLU', 2], [3, 72, 24, False, 'ReLU', 1],
              [5, 72, 40, True, 'ReLU', 2], [5, 120, 40, True, 'ReLU', 1], [5, 120, 40, True, 'ReLU', 1],
              [3, 240, 80, False, 'HSwish', 2], [3, 200, 80, False, 'HSwish', 1], [3, 184, 80, False, 'HSwish', 1],
              [3, 184, 80, False, 'HSwish', 1], [3, 480, 112, True, 'HSwish', 1], [3, 672, 112, True, 'HSwish', 1],
              [5, 672, 160, True, 'HSwish', 2], [5, 960, 160, True, 'HSwish', 1], [5, 960, 160, True, 'HSwish', 1]],
}


class MobileNetV3(nn.Module):
    def __init__(self, arch='small', out_indices=None):
        super().__init__()
        settings = V3_SETTINGS[arch]
        self.out_indices = out_indices if out_indices is not None else ((12,) if arch == 'small' else (16,))
        norm = dict(eps=0.001, momentum=0.01)
        channels = 16
        self.layer0 = ConvModule(3, channels, 3, 2, 1, act='HSwish', **norm)
        self.layer_names = ['layer0']
        mid = channels
        for index, (kernel, mid, cout, with_se, act, stride) in enumerate(settings):
            se = SELayer(mid, ratio=4, acts=('ReLU', 'HSigmoid')) if with_se else None
            self.add_module(f'layer{index + 1}', InvertedResidual(channels, cout, mid, kernel, stride, se, act, **norm))
            self.layer_names.append(f'layer{index + 1}')
            channels = cout
        name = f'layer{len(settings) + 1}'
        self.add_module(name, ConvModule(channels, mid, 1, act='HSwish', **norm))
        self.layer_names.append(name)

    def forward(self, x):
        outs = []
        for index, name in enumerate(self.layer_names):
            x = getattr(self, name)(x)
            if index in self.out_indices:
                outs.append(x)
        return tuple(outs)
