#!/usr/bin/python3
"""Generates the reference values of Swin's relative position bias table resize.

Run from anywhere with the system Python (PyTorch 1.13 and SciPy 1.10, Debian's python3-scipy):

    /usr/bin/python3 packages/models/src/backbones/swin/__fixtures__/generate-relative-position-bias-table-fixtures.py

It writes relative-position-bias-table.json beside this script: random tables of one window size
resized to another the way MMPretrain's `resize_relative_position_bias_table` does it (BEiT's
geometric spreading of the source offsets, then SciPy's `interp2d(kind='cubic')` per head, sampled
at the integer offsets of the new table), which SwinTransformer's load hook
`_prepare_relative_position_bias_table` applies. For comparison each case also holds what
`F.interpolate(mode='bicubic', align_corners=False)` gives (which MMPretrain does not use here).
The algorithm is written out below; MMPretrain is not needed. CI never runs this script.
"""
import json
import os
import warnings

import numpy as np
import torch
import torch.nn.functional as F
from scipy import interpolate

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'relative-position-bias-table.json')

# (source window, target window, heads)
CASES = [(7, 12, 3), (12, 7, 2), (3, 7, 2), (7, 8, 1), (4, 4, 1)]


def encode(value):
    value = torch.as_tensor(value).detach().to(torch.float32)
    return {'shape': list(value.shape), 'data': [float('%.8g' % x) for x in value.flatten().tolist()]}


def resize(source_size, target_size, table, heads):
    steps = source_size // 2
    reach = target_size // 2
    left, right = 1.01, 1.5
    while right - left > 1e-6:
        ratio = (left + right) / 2.0
        if (1.0 - ratio ** steps) / (1.0 - ratio) > reach:
            right = ratio
        else:
            left = ratio
    distances, current = [], 1
    for index in range(steps):
        distances.append(current)
        current += ratio ** (index + 1)
    offsets = [-distance for distance in reversed(distances)] + [0] + distances
    half = target_size // 2.0
    points = np.arange(-half, half + 0.1, 1.0)
    columns = []
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', DeprecationWarning)
        for head in range(heads):
            values = table[:, head].view(source_size, source_size).float().numpy()
            spline = interpolate.interp2d(offsets, offsets, values, kind='cubic')
            columns.append(torch.Tensor(spline(points, points)).contiguous().view(-1, 1))
    return torch.cat(columns, dim=-1)


def bicubic(source_size, target_size, table, heads):
    grid = table.t().reshape(1, heads, source_size, source_size)
    resized = F.interpolate(grid, size=(target_size, target_size), mode='bicubic', align_corners=False)
    return resized.reshape(heads, -1).t()


def main():
    generator = torch.Generator().manual_seed(7)
    cases = []
    for source_window, target_window, heads in CASES:
        source_size, target_size = 2 * source_window - 1, 2 * target_window - 1
        table = torch.randn(source_size * source_size, heads, generator=generator) * 0.02
        cases.append({
            'sourceWindow': source_window, 'targetWindow': target_window, 'heads': heads,
            'table': encode(table), 'resized': encode(resize(source_size, target_size, table, heads)),
            'bicubic': encode(bicubic(source_size, target_size, table, heads)),
        })
    with open(OUT, 'w') as file:
        json.dump({'cases': cases}, file)
        file.write('\n')
    print('wrote', OUT)


if __name__ == '__main__':
    main()
