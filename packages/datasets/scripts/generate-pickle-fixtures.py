#!/usr/bin/env python3
"""Generates the pickle fixtures of @mmpt/datasets with Python's own pickle and numpy.

Run from the repository root with a Python that has numpy:

    /usr/bin/python3 packages/datasets/scripts/generate-pickle-fixtures.py

It writes packages/datasets/src/__fixtures__/numpy-pickles.json: a small CIFAR-like batch (a
dict with a uint8 array, a list of labels, an int64 array, a big-endian float64 array and a
string) pickled with protocols 2, 4 and 5, each as base64. CI never runs this script; the JSON
file is committed. The tests check that readNumpyPickle reads every protocol back to the same
values (the Python 2 files of the official CIFAR archives are covered by a writer in the tests).
"""
import base64
import json
import os
import pickle

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), '..', 'src', '__fixtures__', 'numpy-pickles.json')

batch = {
    'data': (np.arange(2 * 3072) * 7 % 256).astype(np.uint8).reshape(2, 3072),
    'fine_labels': [1, 99],
    'coarse_labels': np.array([3, 19], dtype=np.int64),
    'weights': np.array([[1.5, -2.25]], dtype='>f8'),
    'batch_label': 'training batch 1 of 1',
}

fixtures = {
    'expected': {
        'data_first': batch['data'].reshape(-1)[:8].tolist(),
        'data_last': batch['data'].reshape(-1)[-8:].tolist(),
        'data_shape': list(batch['data'].shape),
        'fine_labels': batch['fine_labels'],
        'coarse_labels': batch['coarse_labels'].tolist(),
        'weights': batch['weights'].reshape(-1).tolist(),
        'batch_label': batch['batch_label'],
    },
    'pickles': {str(protocol): base64.b64encode(pickle.dumps(batch, protocol=protocol)).decode('ascii') for protocol in (2, 4, 5)},
}

with open(OUT, 'w') as file:
    json.dump(fixtures, file, indent=1)
    file.write('\n')
print(f'wrote {OUT}')
