#!/usr/bin/python3
"""Generates the reference fixtures of @mmpt/models from PyTorch.

Run from anywhere with the system Python (PyTorch 1.13):

    /usr/bin/python3 packages/models/scripts/generate-parity-fixtures.py

It writes into packages/models/src/__fixtures__/:

- parity/<case>.pth: a random-weight MMPretrain-style checkpoint ({'meta': ..., 'state_dict': ...})
  of a narrow classifier; parity/<case>.io.safetensors: fixed inputs and the logits PyTorch computes
  for them (eval mode); parity/cases.json: the mmpt model config of each case.
- parity/bare-state-dict.pth: the bare state dict of a LinearClsHead(3 classes, 4 channels) saved
  under a DataParallel `module.` prefix.
- architectures.json.gz: the parameter count and state-dict layout (name:shape, in order) of the
  full-width classifiers, counted on the reference implementations.
- losses.json: MMPretrain's loss formulas evaluated on random scores and labels.

torchvision and MMPretrain are not needed: the reference architectures are written in plain
torch.nn in ./reference with MMPretrain's module names (checked: `import torchvision` fails on the
machine these fixtures were generated on). CI never runs this script; the fixtures are committed.
"""
import gzip
import json
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch  # noqa: E402

from reference import losses as L  # noqa: E402
from reference.common import (GlobalAveragePooling, ImageClassifier, LinearClsHead, StackedLinearClsHead,  # noqa: E402
                              parameter_count, randomize, round_to_half, state_dict_layout, write_safetensors)
from reference.convnext import ConvNeXt  # noqa: E402
from reference.efficientnet import EfficientNet  # noqa: E402
from reference.mobilenet import MobileNetV2, MobileNetV3  # noqa: E402
from reference.regnet_vgg import REGNET_ARCHS, VGG, ClsHead, RegNet, regnet_stages  # noqa: E402
from reference.resnet import ResNet  # noqa: E402
from reference.swin import SwinTransformer  # noqa: E402
from reference.vision_transformer import DeiTClsHead, VisionTransformer, VisionTransformerClsHead  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src', '__fixtures__')
PARITY = os.path.join(ROOT, 'parity')


def gap_linear(backbone, channels, classes):
    return ImageClassifier(backbone, GlobalAveragePooling(), LinearClsHead(classes, channels))


def model_config(backbone, head, neck=True):
    config = {'type': 'ImageClassifier', 'backbone': backbone, 'head': head}
    config['neck'] = {'type': 'GlobalAveragePooling'} if neck else None
    return config


def linear_head(classes, channels):
    return {'type': 'LinearClsHead', 'num_classes': classes, 'in_channels': channels}


# ---------------------------------------------------------------------------------------------
# Parity cases: narrow networks, random weights, fixed inputs.

def parity_cases():
    tiny_vit = {'embed_dims': 32, 'num_layers': 2, 'num_heads': 4, 'feedforward_channels': 64}
    tiny_convnext = {'depths': [1, 1, 2, 1], 'channels': [8, 16, 24, 32]}
    tiny_swin = {'embed_dims': 16, 'depths': [2, 2, 2], 'num_heads': [2, 4, 8]}
    tiny_regnet = {'w0': 8, 'wa': 6, 'wm': 1.5, 'group_w': 8, 'depth': 6, 'bot_mul': 1.0}
    regnet_width = regnet_stages(tiny_regnet)[0][-1]
    return [
        {
            'name': 'convnext-tiny-narrow',
            'build': lambda: ImageClassifier(ConvNeXt(tiny_convnext), None, LinearClsHead(10, 32)),
            'config': model_config({'type': 'ConvNeXt', 'arch': tiny_convnext}, linear_head(10, 32), neck=False),
            'inputs': [[1, 3, 48, 48]],
            'half': False,
        },
        {
            'name': 'swin-tiny-narrow',
            'build': lambda: ImageClassifier(SwinTransformer(tiny_swin, window_size=4, out_indices=(2,)), GlobalAveragePooling(),
                                             LinearClsHead(10, 64)),
            'config': model_config(
                {'type': 'SwinTransformer', 'arch': tiny_swin, 'img_size': 64, 'window_size': 4, 'out_indices': [2],
                 'drop_path_rate': 0.0}, linear_head(10, 64)),
            # 60x52 is not a multiple of the patch and window sizes: it exercises the paddings
            'inputs': [[1, 3, 64, 64], [1, 3, 60, 52]],
            'half': True,
        },
        {
            'name': 'efficientnet-narrow',
            'build': lambda: gap_linear(EfficientNet((0.25, 0.5)), 320, 10),
            'config': model_config({'type': 'EfficientNet', 'arch': [0.25, 0.5]}, linear_head(10, 320)),
            'inputs': [[1, 3, 45, 38]],
            'half': True,
        },
        {
            'name': 'regnet-narrow',
            'build': lambda: gap_linear(RegNet(tiny_regnet, stem_channels=8), regnet_width, 10),
            'config': model_config({'type': 'RegNet', 'arch': tiny_regnet, 'stem_channels': 8, 'base_channels': 8},
                                   linear_head(10, regnet_width)),
            'inputs': [[1, 3, 64, 64]],
            'half': False,
        },
        {
            'name': 'resnet18-narrow',
            'build': lambda: gap_linear(ResNet(18, stem_channels=8, base_channels=8), 64, 10),
            'config': model_config({'type': 'ResNet', 'depth': 18, 'stem_channels': 8, 'base_channels': 8}, linear_head(10, 64)),
            'inputs': [[2, 3, 64, 64]],
            'half': False,
        },
        {
            'name': 'resnet50-narrow',
            'build': lambda: gap_linear(ResNet(50, stem_channels=8, base_channels=8), 256, 10),
            'config': model_config({'type': 'ResNet', 'depth': 50, 'stem_channels': 8, 'base_channels': 8}, linear_head(10, 256)),
            'inputs': [[1, 3, 64, 64]],
            'half': True,
        },
        {
            'name': 'mobilenet-v2-narrow',
            'build': lambda: gap_linear(MobileNetV2(widen_factor=0.25), 1280, 10),
            'config': model_config({'type': 'MobileNetV2', 'widen_factor': 0.25}, linear_head(10, 1280)),
            'inputs': [[2, 3, 64, 64]],
            'half': True,
        },
        {
            'name': 'vit-tiny-p8',
            'build': lambda: ImageClassifier(
                VisionTransformer(tiny_vit, img_size=32, patch_size=8), None, VisionTransformerClsHead(10, 32, hidden_dim=24)),
            'config': model_config(
                {'type': 'VisionTransformer', 'arch': tiny_vit, 'img_size': 32, 'patch_size': 8},
                {'type': 'VisionTransformerClsHead', 'num_classes': 10, 'in_channels': 32, 'hidden_dim': 24}, neck=False),
            # the second input is not square and not 32x32: the position embedding is resized (bicubic)
            'inputs': [[2, 3, 32, 32], [1, 3, 48, 40]],
            'half': False,
        },
        {
            'name': 'deit-distilled-tiny-p8',
            'build': lambda: ImageClassifier(
                VisionTransformer(tiny_vit, img_size=32, patch_size=8, distilled=True), None, DeiTClsHead(10, 32)),
            'config': model_config(
                {'type': 'DistilledVisionTransformer', 'arch': tiny_vit, 'img_size': 32, 'patch_size': 8},
                {'type': 'DeiTClsHead', 'num_classes': 10, 'in_channels': 32}, neck=False),
            'inputs': [[2, 3, 32, 32]],
            'half': False,
        },
        {
            'name': 'resnetv1d18-narrow',
            'build': lambda: gap_linear(ResNet(18, stem_channels=4, base_channels=4, deep_stem=True, avg_down=True), 32, 10),
            'config': model_config({'type': 'ResNetV1d', 'depth': 18, 'stem_channels': 4, 'base_channels': 4}, linear_head(10, 32)),
            'inputs': [[1, 3, 48, 48]],
            'half': True,
        },
        {
            'name': 'resnet18-cifar-narrow',
            'build': lambda: gap_linear(ResNet(18, stem_channels=4, base_channels=4, cifar=True), 32, 10),
            'config': model_config({'type': 'ResNet_CIFAR', 'depth': 18, 'stem_channels': 4, 'base_channels': 4}, linear_head(10, 32)),
            'inputs': [[2, 3, 32, 32]],
            'half': True,
        },
    ]


def write_parity(case, seed):
    generator = torch.Generator().manual_seed(seed)
    model = case['build']()
    randomize(model, generator)
    if case['half']:
        round_to_half(model)
    model.eval()
    io = {}
    with torch.no_grad():
        for index, shape in enumerate(case['inputs']):
            x = torch.randn(shape, generator=generator)
            io[f'input{index}'] = x
            io[f'logits{index}'] = model(x)
    state = model.state_dict()
    if case['half']:
        state = {k: (v.half() if v.dtype == torch.float32 else v) for k, v in state.items()}
    checkpoint = {
        'meta': {'epoch': 3, 'iter': 120, 'mmpretrain_version': '1.2.0', 'dataset_meta': {'classes': [str(i) for i in range(10)]}},
        'state_dict': state,
    }
    torch.save(checkpoint, os.path.join(PARITY, case['name'] + '.pth'))
    write_safetensors(os.path.join(PARITY, case['name'] + '.io.safetensors'), io)
    return {'name': case['name'], 'config': case['config'], 'inputs': len(case['inputs']), 'half': case['half']}


# ---------------------------------------------------------------------------------------------
# Full-width architectures: parameter counts and state-dict layouts.

def architectures():
    entries = []

    def add(name, model, config):
        entries.append({'name': name, 'config': config, 'parameters': parameter_count(model), 'layout': state_dict_layout(model)})

    for depth in (18, 34, 50, 101, 152):
        channels = 512 if depth < 50 else 2048
        add(f'resnet{depth}_8xb32_in1k', gap_linear(ResNet(depth), channels, 1000),
            model_config({'type': 'ResNet', 'depth': depth}, linear_head(1000, channels)))
    for kind, options in (('ResNetV1c', dict(deep_stem=True)), ('ResNetV1d', dict(deep_stem=True, avg_down=True))):
        add(f'{kind.lower()}50_8xb32_in1k', gap_linear(ResNet(50, **options), 2048, 1000),
            model_config({'type': kind, 'depth': 50}, linear_head(1000, 2048)))
    add('resnet18_8xb16_cifar10', gap_linear(ResNet(18, cifar=True), 512, 10),
        model_config({'type': 'ResNet_CIFAR', 'depth': 18}, linear_head(10, 512)))
    for depth, groups, width in ((50, 32, 4), (101, 32, 4), (101, 32, 8), (152, 32, 4)):
        add(f'resnext{depth}-{groups}x{width}d_8xb32_in1k',
            gap_linear(ResNet(depth, block_options={'groups': groups, 'width_per_group': width}), 2048, 1000),
            model_config({'type': 'ResNeXt', 'depth': depth, 'groups': groups, 'width_per_group': width}, linear_head(1000, 2048)))
    for depth in (50, 101):
        add(f'seresnet{depth}_8xb32_in1k', gap_linear(ResNet(depth, block_options={'se_ratio': 16}), 2048, 1000),
            model_config({'type': 'SEResNet', 'depth': depth}, linear_head(1000, 2048)))
    add('mobilenet-v2_8xb32_in1k', gap_linear(MobileNetV2(), 1280, 1000),
        model_config({'type': 'MobileNetV2', 'widen_factor': 1.0}, linear_head(1000, 1280)))
    for arch, channels, mid in (('small', 576, 1024), ('large', 960, 1280)):
        add(f'mobilenet-v3-{arch}_8xb128_in1k',
            ImageClassifier(MobileNetV3(arch), GlobalAveragePooling(), StackedLinearClsHead(1000, channels, [mid], act='HSwish')),
            model_config({'type': 'MobileNetV3', 'arch': arch}, {
                'type': 'StackedLinearClsHead', 'num_classes': 1000, 'in_channels': channels, 'mid_channels': [mid],
                'dropout_rate': 0.2, 'act_cfg': {'type': 'HSwish'}}))
    for arch, name, dims in (('b', 'vit-base-p16_64xb64_in1k', 768), ('l', 'vit-large-p16_64xb64_in1k', 1024),
                             ('s', 'vit-small-p16_64xb64_in1k', 768), ('deit-t', 'deit-tiny_4xb256_in1k', 192),
                             ('deit-s', 'deit-small_4xb256_in1k', 384), ('deit-b', 'deit-base_16xb64_in1k', 768)):
        add(name, ImageClassifier(VisionTransformer(arch), None, VisionTransformerClsHead(1000, dims)),
            model_config({'type': 'VisionTransformer', 'arch': arch, 'img_size': 224, 'patch_size': 16},
                         {'type': 'VisionTransformerClsHead', 'num_classes': 1000, 'in_channels': dims}, neck=False))
    add('vit-base-p16_in1k-384px', ImageClassifier(VisionTransformer('b', img_size=384), None, VisionTransformerClsHead(1000, 768)),
        model_config({'type': 'VisionTransformer', 'arch': 'b', 'img_size': 384, 'patch_size': 16},
                     {'type': 'VisionTransformerClsHead', 'num_classes': 1000, 'in_channels': 768}, neck=False))
    for arch, channels in (('tiny', 768), ('small', 768), ('base', 1024)):
        add(f'convnext-{arch}_32xb128_in1k', ImageClassifier(ConvNeXt(arch), None, LinearClsHead(1000, channels)),
            model_config({'type': 'ConvNeXt', 'arch': arch}, linear_head(1000, channels), neck=False))
    for arch, channels in (('tiny', 768), ('small', 768), ('base', 1024)):
        add(f'swin-{arch}_16xb64_in1k', ImageClassifier(SwinTransformer(arch), GlobalAveragePooling(), LinearClsHead(1000, channels)),
            model_config({'type': 'SwinTransformer', 'arch': arch, 'img_size': 224}, linear_head(1000, channels)))
    for arch, channels in (('b0', 1280), ('b1', 1280), ('b2', 1408), ('b3', 1536)):
        add(f'efficientnet-{arch}_3rdparty_8xb32_in1k', gap_linear(EfficientNet(arch), channels, 1000),
            model_config({'type': 'EfficientNet', 'arch': arch}, linear_head(1000, channels)))
    for arch in ('regnetx_400mf', 'regnetx_800mf', 'regnetx_1.6gf', 'regnetx_3.2gf', 'regnetx_4.0gf', 'regnetx_6.4gf',
                 'regnetx_8.0gf', 'regnetx_12gf'):
        channels = regnet_stages(REGNET_ARCHS[arch])[0][-1]
        add(f"regnetx-{arch.split('_')[1]}_8xb128_in1k", gap_linear(RegNet(arch), channels, 1000),
            model_config({'type': 'RegNet', 'arch': arch}, linear_head(1000, channels)))
    for depth in (11, 13, 16, 19):
        for norm in (False, True):
            backbone = {'type': 'VGG', 'depth': depth, 'num_classes': 1000}
            if norm:
                backbone['norm_cfg'] = {'type': 'BN'}
            add(f"vgg{depth}{'bn' if norm else ''}_8xb32_in1k", ImageClassifier(VGG(depth, 1000, norm), None, ClsHead()),
                {'type': 'ImageClassifier', 'backbone': backbone, 'neck': None, 'head': {'type': 'ClsHead'}})
    add('vgg11bn-backbone', VGG(11, -1, True), {'type': 'VGG', 'depth': 11, 'norm_cfg': {'type': 'BN'}})
    add('deit-small-distilled_3rdparty_in1k',
        ImageClassifier(VisionTransformer('deit-s', distilled=True), None, DeiTClsHead(1000, 384)),
        model_config({'type': 'DistilledVisionTransformer', 'arch': 'deit-s', 'img_size': 224, 'patch_size': 16},
                     {'type': 'DeiTClsHead', 'num_classes': 1000, 'in_channels': 384}, neck=False))
    return entries


# ---------------------------------------------------------------------------------------------
# Losses.

def tensor_json(t):
    return {'shape': list(t.shape), 'data': [float(v) for v in t.flatten().tolist()]}


def losses():
    g = torch.Generator().manual_seed(7)
    score = torch.randn(4, 5, generator=g) * 2
    labels = torch.tensor([0, 3, 1, 4])
    multi = (torch.rand(4, 5, generator=g) > 0.6).float()
    soft = torch.softmax(torch.randn(4, 5, generator=g), dim=1)
    weight = torch.rand(4, generator=g) + 0.2
    target = torch.randn(4, 5, generator=g)
    element_weight = torch.rand(4, 5, generator=g)
    cases = []

    def add(name, loss_config, call, value, **inputs):
        cases.append({'name': name, 'loss': loss_config, 'call': call, 'inputs': {k: tensor_json(v) for k, v in inputs.items()},
                      'expected': tensor_json(value.reshape(-1) if value.dim() > 0 else value.reshape(1))})

    for mode in ('original', 'classy_vision'):
        add(f'label-smooth-{mode}', {'type': 'LabelSmoothLoss', 'label_smooth_val': 0.1, 'mode': mode}, {},
            L.label_smooth(score, labels, 0.1, mode), score=score, label=labels.float())
        add(f'label-smooth-{mode}-weighted', {'type': 'LabelSmoothLoss', 'label_smooth_val': 0.2, 'mode': mode},
            {'avg_factor': 4}, L.label_smooth(score, labels, 0.2, mode, weight=weight, avg_factor=4),
            score=score, label=labels.float(), weight=weight)
    add('label-smooth-soft-targets', {'type': 'LabelSmoothLoss', 'label_smooth_val': 0.1, 'num_classes': 5}, {},
        L.label_smooth(score, soft, 0.1), score=score, label=soft)
    add('label-smooth-multi-label', {'type': 'LabelSmoothLoss', 'label_smooth_val': 0.1, 'mode': 'multi_label', 'use_sigmoid': True}, {},
        L.label_smooth(score, multi, 0.1, 'multi_label'), score=score, label=multi)
    add('label-smooth-original-sigmoid-none', {'type': 'LabelSmoothLoss', 'label_smooth_val': 0.1, 'use_sigmoid': True,
                                               'reduction': 'none'}, {},
        L.label_smooth(score, labels, 0.1, use_sigmoid=True, reduction='none'), score=score, label=labels.float())
    add('focal-multi-label', {'type': 'FocalLoss'}, {}, L.focal(score, multi), score=score, label=multi)
    add('focal-indices-weighted', {'type': 'FocalLoss', 'gamma': 1.5, 'alpha': 0.4, 'loss_weight': 2.0}, {'avg_factor': 3},
        2.0 * L.focal(score, labels, weight, gamma=1.5, alpha=0.4, avg_factor=3), score=score, label=labels.float(), weight=weight)
    add('focal-sum', {'type': 'FocalLoss', 'reduction': 'sum'}, {}, L.focal(score, multi, reduction='sum'), score=score, label=multi)
    add('asymmetric-default', {'type': 'AsymmetricLoss'}, {}, L.asymmetric(score, multi), score=score, label=multi)
    add('asymmetric-no-clip-weighted', {'type': 'AsymmetricLoss', 'gamma_pos': 1.0, 'gamma_neg': 3.0, 'clip': None}, {},
        L.asymmetric(score, multi, weight, gamma_pos=1.0, gamma_neg=3.0, clip=None), score=score, label=multi, weight=weight)
    add('asymmetric-softmax-indices', {'type': 'AsymmetricLoss', 'gamma_pos': 0.5, 'gamma_neg': 2.0, 'use_sigmoid': False}, {},
        L.asymmetric(score, labels, gamma_pos=0.5, gamma_neg=2.0, use_sigmoid=False), score=score, label=labels.float())
    cum = torch.zeros(5)
    first = L.seesaw(score, labels, cum, p=0.8, q=2.0)
    second = L.seesaw(score.flip(0), labels, cum, p=0.8, q=2.0, weight=weight)
    cases.append({'name': 'seesaw-two-calls', 'loss': {'type': 'SeesawLoss', 'num_classes': 5}, 'call': {},
                  'inputs': {'score': tensor_json(score), 'score2': tensor_json(score.flip(0)), 'label': tensor_json(labels.float()),
                             'weight': tensor_json(weight)},
                  'expected': tensor_json(torch.stack([first, second])), 'cum_samples': tensor_json(cum)})
    add('l1-mean', {'type': 'L1Loss'}, {}, L.l1(score, target), score=score, label=target)
    add('l1-weighted-avg', {'type': 'L1Loss', 'loss_weight': 0.5}, {'avg_factor': 10},
        0.5 * L.l1(score, target, element_weight, avg_factor=10), score=score, label=target, weight=element_weight)
    add('mse-sum', {'type': 'MSELoss', 'reduction': 'sum'}, {}, L.mse(score, target, reduction='sum'), score=score, label=target)
    add('mse-none-weighted', {'type': 'MSELoss'}, {'reduction_override': 'none'},
        L.mse(score, target, element_weight, reduction='none'), score=score, label=target, weight=element_weight)
    add('cross-entropy-soft-class-weight', {'type': 'CrossEntropyLoss', 'use_soft': True, 'class_weight': [0.5, 1, 2, 1, 0.25]}, {},
        L.soft_cross_entropy(score, soft, class_weight=torch.tensor([0.5, 1, 2, 1, 0.25])), score=score, label=soft)
    add('cross-entropy-sigmoid-pos-weight', {'type': 'CrossEntropyLoss', 'use_sigmoid': True, 'pos_weight': [1, 2, 3, 4, 5]},
        {'avg_factor': 4}, L.binary_cross_entropy(score, multi, weight, avg_factor=4, pos_weight=torch.tensor([1., 2, 3, 4, 5])),
        score=score, label=multi, weight=weight)
    return cases


def main():
    try:
        import torchvision  # noqa: F401
        print('torchvision is available but not needed: the reference architectures are plain torch.nn')
    except ImportError:
        print('torchvision is not installed: using the plain torch.nn reference architectures')
    os.makedirs(PARITY, exist_ok=True)
    torch.manual_seed(0)
    cases = [write_parity(case, 1000 + index) for index, case in enumerate(parity_cases())]
    # A bare state dict saved from a DataParallel-wrapped head (keys start with "module.").
    head = LinearClsHead(3, 4)
    randomize(head, torch.Generator().manual_seed(5))
    torch.save({'module.' + key: value for key, value in head.state_dict().items()}, os.path.join(PARITY, 'bare-state-dict.pth'))
    with open(os.path.join(PARITY, 'cases.json'), 'w') as file:
        json.dump(cases, file, indent=1)
    # gzip with a fixed mtime, so that the file only changes when its content does
    with gzip.GzipFile(os.path.join(ROOT, 'architectures.json.gz'), 'wb', mtime=0) as file:
        file.write(json.dumps(architectures(), separators=(',', ':')).encode('utf-8'))
    with open(os.path.join(ROOT, 'losses.json'), 'w') as file:
        json.dump(losses(), file, indent=1)
    print('wrote', ROOT)


if __name__ == '__main__':
    main()
