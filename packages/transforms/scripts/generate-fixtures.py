#!/usr/bin/env python3
"""Generates the reference fixtures of @mmpt/transforms from OpenCV and Pillow.

Run from the repository root with a Python that has numpy, OpenCV (python3-opencv) and Pillow:

    /usr/bin/python3 packages/transforms/scripts/generate-fixtures.py

It writes small JSON files under packages/transforms/src/ops/__fixtures__/. Images are stored as
base64 of their raw bytes (uint8, or float32 little-endian). CI never runs this script; the JSON
files are committed. The operations below call OpenCV and Pillow the way mmcv 2.x, MMPretrain 1.x
and torchvision call them.
"""
import base64
import json
import math
import os

import cv2
import numpy as np
from PIL import Image, ImageEnhance, ImageFilter, ImageOps

OUT = os.path.join(os.path.dirname(__file__), '..', 'src', 'ops', '__fixtures__')
RNG = np.random.RandomState(20240607)


def encode(array):
    array = np.ascontiguousarray(array)
    shape = list(array.shape)
    if len(shape) == 2:
        shape.append(1)
    return {
        'height': shape[0],
        'width': shape[1],
        'channels': shape[2],
        'dtype': 'float32' if array.dtype == np.float32 else 'uint8',
        'data': base64.b64encode(array.tobytes()).decode('ascii'),
    }


def smooth_image(h, w, c=3):
    """A random image with some spatial structure (gradients + noise), so filters matter."""
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    base = []
    for k in range(c):
        phase = RNG.uniform(0, 2 * np.pi)
        wave = 127 + 90 * np.sin(x / (2 + k) + y / (3 + k) + phase)
        base.append(wave + RNG.normal(0, 25, (h, w)))
    img = np.stack(base, axis=-1)
    return np.clip(np.rint(img), 0, 255).astype(np.uint8)


def write(name, cases):
    """Writes cases, storing every distinct input image once (cases refer to it by index)."""
    inputs = []
    for case in cases:
        encoded = case['input']
        if encoded not in inputs:
            inputs.append(encoded)
        case['input'] = inputs.index(encoded)
    path = os.path.join(OUT, name)
    with open(path, 'w') as f:
        json.dump({'generator': 'packages/transforms/scripts/generate-fixtures.py', 'inputs': inputs, 'cases': cases}, f,
                  separators=(',', ':'))
    print(f'{path}: {len(cases)} cases')


CV2_INTERP = {
    'nearest': cv2.INTER_NEAREST,
    'bilinear': cv2.INTER_LINEAR,
    'bicubic': cv2.INTER_CUBIC,
    'area': cv2.INTER_AREA,
    'lanczos': cv2.INTER_LANCZOS4,
}


def resize_cv2_cases():
    cases = []
    groups = [((17, 23, 3), (41, 30)), ((30, 40, 3), (17, 11)), ((20, 18, 3), (9, 10)), ((18, 27, 3), (9, 6)),
              ((15, 19, 3), (13, 11)), ((21, 17, 1), (13, 30))]
    for (h, w, c), (dw, dh) in groups:
        img = smooth_image(h, w, c)
        if c == 1:
            img = img[:, :, 0]
        outputs = {name: encode(cv2.resize(img, (dw, dh), interpolation=flag)) for name, flag in CV2_INTERP.items()}
        cases.append({'name': f'{h}x{w}x{c}->{dh}x{dw}', 'size': [dw, dh], 'input': encode(img), 'outputs': outputs})
    fimg = smooth_image(11, 13).astype(np.float32) / 3.0
    outputs = {name: encode(cv2.resize(fimg, (17, 7), interpolation=flag)) for name, flag in CV2_INTERP.items()}
    cases.append({'name': 'float32 11x13->7x17', 'size': [17, 7], 'input': encode(fimg), 'outputs': outputs})
    return cases


PIL_INTERP = {
    'nearest': Image.NEAREST,
    'bilinear': Image.BILINEAR,
    'bicubic': Image.BICUBIC,
    'box': Image.BOX,
    'lanczos': Image.LANCZOS,
    'hamming': Image.HAMMING,
}


def resize_pillow_cases():
    cases = []
    groups = [((17, 23, 3), (41, 30)), ((30, 40, 3), (17, 11)), ((18, 27, 3), (9, 6)), ((15, 19, 3), (19, 11)),
              ((21, 17, 1), (13, 30))]
    for (h, w, c), (dw, dh) in groups:
        img = smooth_image(h, w, c)
        if c == 1:
            img = img[:, :, 0]
        outputs = {name: encode(np.array(Image.fromarray(img).resize((dw, dh), flag))) for name, flag in PIL_INTERP.items()}
        cases.append({'name': f'{h}x{w}x{c}->{dh}x{dw}', 'size': [dw, dh], 'input': encode(img), 'outputs': outputs})
    return cases


# ---- mmcv 2.x photometric functions (cv2 backend), written as mmcv writes them ----

def bgr2gray(img):
    return cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)


def adjust_brightness(img, factor):
    degenerated = np.zeros_like(img)
    out = cv2.addWeighted(img.astype(np.float32), factor, degenerated.astype(np.float32), 1 - factor, 0)
    return np.clip(out, 0, 255).astype(img.dtype)


def adjust_contrast(img, factor):
    gray_img = bgr2gray(img)
    hist = np.histogram(gray_img, 256, (0, 255))[0]
    mean = round(np.sum(gray_img) / np.sum(hist))
    degenerated = (np.ones_like(img[..., 0]) * mean).astype(img.dtype)
    degenerated = cv2.cvtColor(degenerated, cv2.COLOR_GRAY2BGR)
    out = cv2.addWeighted(img.astype(np.float32), factor, degenerated.astype(np.float32), 1 - factor, 0)
    return np.clip(out, 0, 255).astype(img.dtype)


def adjust_color(img, alpha):
    gray_img = np.tile(bgr2gray(img)[..., None], [1, 1, 3])
    out = cv2.addWeighted(img, alpha, gray_img, 1 - alpha, 0)
    if out.dtype != np.uint8:
        out = np.clip(out, 0, 255)
    return out


def adjust_sharpness(img, factor):
    kernel = np.array([[1., 1., 1.], [1., 5., 1.], [1., 1., 1.]]) / 13
    degenerated = cv2.filter2D(img, -1, kernel)
    out = cv2.addWeighted(img.astype(np.float32), factor, degenerated.astype(np.float32), 1 - factor, 0)
    return np.clip(out, 0, 255).astype(img.dtype)


def imequalize(img):
    def scale_channel(im, c):
        im = im[:, :, c]
        histo = np.histogram(im, 256, (0, 255))[0]
        nonzero_histo = histo[histo > 0]
        step = (np.sum(nonzero_histo) - nonzero_histo[-1]) // 255
        if not step:
            lut = np.array(range(256))
        else:
            lut = (np.cumsum(histo) + (step // 2)) // step
            lut = np.concatenate([[0], lut[:-1]], 0)
            lut[lut > 255] = 255
        return np.where(np.equal(step, 0), im, lut[im])
    return np.stack([scale_channel(img, c) for c in range(3)], axis=-1).astype(img.dtype)


def auto_contrast(img):
    def channel(im, c):
        im = im[:, :, c]
        histo = np.histogram(im, 256, (0, 255))[0]
        low, high = np.nonzero(histo)[0][0], np.nonzero(histo)[0][-1]
        if low >= high:
            return im
        scale = 255.0 / (high - low)
        offset = -low * scale
        lut = np.clip(np.array(range(256)) * scale + offset, 0, 255)
        return lut[im]
    return np.stack([channel(img, c) for c in range(3)], axis=-1).astype(img.dtype)


def imnormalize(img, mean, std, to_rgb):
    img = img.copy().astype(np.float32)
    mean = np.float64(np.array(mean, dtype=np.float32).reshape(1, -1))
    stdinv = 1 / np.float64(np.array(std, dtype=np.float32).reshape(1, -1))
    if to_rgb:
        cv2.cvtColor(img, cv2.COLOR_BGR2RGB, img)
    cv2.subtract(img, mean, img)
    cv2.multiply(img, stdinv, img)
    return img


def photometric_cv2_cases():
    img = smooth_image(13, 11)
    low = (smooth_image(9, 12) // 3 + 60).astype(np.uint8)
    cases = []
    for factor in (1.4, 0.3, 1.9):
        cases.append({'op': 'brightness', 'factor': factor, 'input': encode(img), 'output': encode(adjust_brightness(img, factor))})
        cases.append({'op': 'contrast', 'factor': factor, 'input': encode(img), 'output': encode(adjust_contrast(img, factor))})
        cases.append({'op': 'color', 'factor': factor, 'input': encode(img), 'output': encode(adjust_color(img, factor))})
        cases.append({'op': 'sharpness', 'factor': factor, 'input': encode(img), 'output': encode(adjust_sharpness(img, factor))})
    for source in (img, low):
        cases.append({'op': 'equalize', 'input': encode(source), 'output': encode(imequalize(source))})
        cases.append({'op': 'autocontrast', 'input': encode(source), 'output': encode(auto_contrast(source))})
    cases.append({'op': 'gray', 'input': encode(img), 'output': encode(bgr2gray(img))})
    cases.append({'op': 'normalize', 'mean': [123.675, 116.28, 103.53], 'std': [58.395, 57.12, 57.375], 'to_rgb': True,
                  'input': encode(img), 'output': encode(imnormalize(img, [123.675, 116.28, 103.53], [58.395, 57.12, 57.375], True))})
    fimg = img.astype(np.float32)
    cases.append({'op': 'color', 'factor': 1.7, 'input': encode(fimg), 'output': encode(adjust_color(fimg, 1.7))})
    return cases


# ---- mmcv geometric functions (cv2.warpAffine) ----

def imrotate(img, angle, center=None, scale=1.0, border_value=0, interpolation='bilinear'):
    h, w = img.shape[:2]
    if center is None:
        center = ((w - 1) * 0.5, (h - 1) * 0.5)
    matrix = cv2.getRotationMatrix2D(center, -angle, scale)
    return cv2.warpAffine(img, matrix, (w, h), flags=CV2_INTERP[interpolation], borderValue=border_value)


def imshear(img, magnitude, direction, border_value, interpolation):
    h, w = img.shape[:2]
    channels = 1 if img.ndim == 2 else img.shape[-1]
    if isinstance(border_value, int):
        border_value = tuple([border_value] * channels)
    if direction == 'horizontal':
        m = np.float32([[1, magnitude, 0], [0, 1, 0]])
    else:
        m = np.float32([[1, 0, 0], [magnitude, 1, 0]])
    return cv2.warpAffine(img, m, (w, h), borderValue=border_value[:3], flags=CV2_INTERP[interpolation])


def imtranslate(img, offset, direction, border_value, interpolation):
    h, w = img.shape[:2]
    channels = 1 if img.ndim == 2 else img.shape[-1]
    if isinstance(border_value, int):
        border_value = tuple([border_value] * channels)
    if direction == 'horizontal':
        m = np.float32([[1, 0, offset], [0, 1, 0]])
    else:
        m = np.float32([[1, 0, 0], [0, 1, offset]])
    return cv2.warpAffine(img, m, (w, h), borderValue=border_value[:3], flags=CV2_INTERP[interpolation])


def warp_cv2_cases():
    img = smooth_image(15, 18)
    cases = []
    for interpolation in ('nearest', 'bilinear', 'bicubic', 'lanczos'):
        cases.append({'op': 'rotate', 'angle': 30, 'border_value': 128, 'interpolation': interpolation,
                      'input': encode(img), 'output': encode(imrotate(img, 30, border_value=128, interpolation=interpolation))})
    cases.append({'op': 'rotate', 'angle': -17.5, 'border_value': [10, 20, 30], 'interpolation': 'bilinear',
                  'input': encode(img), 'output': encode(imrotate(img, -17.5, border_value=(10, 20, 30), interpolation='bilinear'))})
    cases.append({'op': 'rotate', 'angle': 12, 'center': [4.0, 6.5], 'scale': 1.2, 'border_value': 0, 'interpolation': 'bicubic',
                  'input': encode(img), 'output': encode(imrotate(img, 12, center=(4.0, 6.5), scale=1.2, interpolation='bicubic'))})
    for direction, magnitude, interpolation in (('horizontal', 0.3, 'bicubic'), ('vertical', -0.2, 'bilinear'), ('horizontal', -0.27, 'nearest')):
        cases.append({'op': 'shear', 'magnitude': magnitude, 'direction': direction, 'border_value': [128, 128, 128], 'interpolation': interpolation,
                      'input': encode(img), 'output': encode(imshear(img, magnitude, direction, (128, 128, 128), interpolation))})
    for direction, offset, interpolation in (('horizontal', 3.7, 'nearest'), ('vertical', -5.2, 'bilinear'), ('horizontal', -2.45, 'bicubic')):
        cases.append({'op': 'translate', 'offset': offset, 'direction': direction, 'border_value': 128, 'interpolation': interpolation,
                      'input': encode(img), 'output': encode(imtranslate(img, offset, direction, 128, interpolation))})
    fimg = img.astype(np.float32) / 2
    cases.append({'op': 'rotate', 'angle': 21, 'border_value': 0, 'interpolation': 'bilinear',
                  'input': encode(fimg), 'output': encode(imrotate(fimg, 21, interpolation='bilinear'))})
    return cases


def pad_cases():
    img = smooth_image(4, 5)
    border = {'constant': cv2.BORDER_CONSTANT, 'edge': cv2.BORDER_REPLICATE, 'reflect': cv2.BORDER_REFLECT_101, 'symmetric': cv2.BORDER_REFLECT}
    cases = []
    for mode, flag in border.items():
        # left, top, right, bottom as mmcv's impad orders them
        padding = [7, 2, 1, 6]
        out = cv2.copyMakeBorder(img, padding[1], padding[3], padding[0], padding[2], flag, value=(9, 8, 7))
        cases.append({'mode': mode, 'padding': padding, 'fill': [9, 8, 7], 'input': encode(img), 'output': encode(out)})
    return cases


# ---- Pillow (torchvision on PIL images, mmcv's pillow backend) ----

def pil_cases():
    img = smooth_image(14, 12)
    pil = Image.fromarray(img)
    cases = []
    for factor in (1.5, 0.3, 2.2):
        for name, enhancer in (('brightness', ImageEnhance.Brightness), ('contrast', ImageEnhance.Contrast),
                               ('color', ImageEnhance.Color), ('sharpness', ImageEnhance.Sharpness)):
            cases.append({'op': name, 'factor': factor, 'input': encode(img), 'output': encode(np.array(enhancer(pil).enhance(factor)))})
    for hue in (0.2, -0.3, 0.5):
        h, s, v = pil.convert('HSV').split()
        np_h = np.array(h, dtype=np.uint8)
        with np.errstate(over='ignore'):
            np_h += np.uint8(hue * 255) if hue >= 0 else np.uint8(int(hue * 255) & 255)
        out = Image.merge('HSV', (Image.fromarray(np_h, 'L'), s, v)).convert('RGB')
        cases.append({'op': 'hue', 'factor': hue, 'input': encode(img), 'output': encode(np.array(out))})
    for name, flag in (('nearest', Image.NEAREST), ('bilinear', Image.BILINEAR), ('bicubic', Image.BICUBIC)):
        for angle in (33, -71.5, 90, 180):
            out = pil.rotate(angle, flag, fillcolor=(5, 6, 7))
            cases.append({'op': 'rotate', 'angle': angle, 'interpolation': name, 'fill': [5, 6, 7], 'input': encode(img), 'output': encode(np.array(out))})
        for matrix in ([1, -0.3, 0, 0, 1, 0], [1, 0, 0, 0.45, 1, -1.5], [1, 0, -3, 0, 1, 2], [0.9, 0.1, 1.2, -0.2, 1.1, 0.4]):
            out = pil.transform(pil.size, Image.AFFINE, matrix, flag, fillcolor=(1, 2, 3))
            cases.append({'op': 'affine', 'matrix': matrix, 'interpolation': name, 'fill': [1, 2, 3], 'input': encode(img), 'output': encode(np.array(out))})
    for radius in (0.5, 1.5, 3.3, 8):
        cases.append({'op': 'gaussian_blur', 'radius': radius, 'input': encode(img), 'output': encode(np.array(pil.filter(ImageFilter.GaussianBlur(radius))))})
    cases.append({'op': 'autocontrast', 'input': encode(img), 'output': encode(np.array(ImageOps.autocontrast(pil)))})
    cases.append({'op': 'equalize', 'input': encode(img), 'output': encode(np.array(ImageOps.equalize(pil)))})
    cases.append({'op': 'solarize', 'threshold': 99.5, 'input': encode(img), 'output': encode(np.array(ImageOps.solarize(pil, 99.5)))})
    cases.append({'op': 'posterize', 'bits': 3, 'input': encode(img), 'output': encode(np.array(ImageOps.posterize(pil, 3)))})
    return cases


# ---- MMPretrain / mmcv geometry, computed the way their transforms compute it ----

def resize_edge_size(h, w, scale, edge):
    if (edge == 'short' and w < h) or (edge == 'long' and w > h) or edge == 'width':
        return scale, int(scale * h / w)
    return int(scale * w / h), scale


def center_crop_box(h, w, crop_w, crop_h):
    crop_h, crop_w = min(crop_h, h), min(crop_w, w)
    y1 = max(0, int(round((h - crop_h) / 2.)))
    x1 = max(0, int(round((w - crop_w) / 2.)))
    y2 = min(h, y1 + crop_h) - 1
    x2 = min(w, x1 + crop_w) - 1
    return [x1, y1, x2, y2]


def rrc_fallback(h, w, ratio=(3. / 4., 4. / 3.)):
    in_ratio = float(w) / float(h)
    if in_ratio < min(ratio):
        tw = w
        th = int(round(tw / min(ratio)))
    elif in_ratio > max(ratio):
        th = h
        tw = int(round(th * max(ratio)))
    else:
        tw, th = w, h
    return [(h - th) // 2, (w - tw) // 2, th, tw]


def efficientnet_box(h, w, crop_size, crop_padding=32):
    side = crop_size / (crop_size + crop_padding) * min(h, w)
    oh = max(0, int(round((h - side) / 2.)))
    ow = max(0, int(round((w - side) / 2.)))
    box = np.array([ow, oh, ow + side - 1, oh + side - 1]).astype(np.int32)
    x1, y1 = min(max(box[0], 0), w - 1), min(max(box[1], 0), h - 1)
    x2, y2 = min(max(box[2], 0), w - 1), min(max(box[3], 0), h - 1)
    return [int(y1), int(x1), int(y2 - y1 + 1), int(x2 - x1 + 1)]


def geometry_cases():
    sizes = [(375, 500), (500, 375), (224, 224), (7, 9), (300, 401), (101, 57), (33, 1000), (1000, 33), (256, 320)]
    cases = []
    for h, w in sizes:
        cases.append({
            'height': h, 'width': w,
            'resize_edge': {edge: list(resize_edge_size(h, w, 256, edge)) for edge in ('short', 'long', 'width', 'height')},
            'center_crop': {str(c): center_crop_box(h, w, c, c) for c in (4, 5, 224)},
            'center_crop_rect': center_crop_box(h, w, 6, 3),
            'rrc_fallback': rrc_fallback(h, w),
            'efficientnet_center': {str(c): efficientnet_box(h, w, c) for c in (224, 5)},
            'input': None,
        })
    return cases


def bmp_cases():
    cases = []
    img = smooth_image(5, 7)
    ok, buf = cv2.imencode('.bmp', img)
    cases.append({'name': '24-bit (OpenCV)', 'bytes': base64.b64encode(buf.tobytes()).decode(), 'input': encode(img),
                  'output': encode(cv2.imdecode(buf, cv2.IMREAD_COLOR))})
    import io
    pal = Image.fromarray(img[:, :, ::-1]).convert('P', palette=Image.ADAPTIVE, colors=16)
    bio = io.BytesIO(); pal.save(bio, format='BMP'); data = np.frombuffer(bio.getvalue(), np.uint8)
    cases.append({'name': '8-bit paletted (Pillow)', 'bytes': base64.b64encode(data.tobytes()).decode(), 'input': encode(img),
                  'output': encode(cv2.imdecode(data, cv2.IMREAD_COLOR))})
    gray = Image.fromarray(img[:, :, 0])
    bio = io.BytesIO(); gray.save(bio, format='BMP'); data = np.frombuffer(bio.getvalue(), np.uint8)
    cases.append({'name': '8-bit gray (Pillow)', 'bytes': base64.b64encode(data.tobytes()).decode(), 'input': encode(img),
                  'output': encode(cv2.imdecode(data, cv2.IMREAD_COLOR))})
    one = Image.fromarray(((img[:, :, 1] > 127) * 255).astype(np.uint8)).convert('1')
    bio = io.BytesIO(); one.save(bio, format='BMP'); data = np.frombuffer(bio.getvalue(), np.uint8)
    cases.append({'name': '1-bit (Pillow)', 'bytes': base64.b64encode(data.tobytes()).decode(), 'input': encode(img),
                  'output': encode(cv2.imdecode(data, cv2.IMREAD_COLOR))})
    png = cv2.imencode('.png', img)[1]
    cases.append({'name': 'png grayscale (OpenCV)', 'bytes': base64.b64encode(png.tobytes()).decode(), 'input': encode(img),
                  'output': encode(cv2.imdecode(png, cv2.IMREAD_GRAYSCALE))})
    return cases


def main():
    os.makedirs(OUT, exist_ok=True)
    write('resize-cv2.json', resize_cv2_cases())
    write('resize-pillow.json', resize_pillow_cases())
    write('photometric-cv2.json', photometric_cv2_cases())
    write('warp-cv2.json', warp_cv2_cases())
    write('pad-cv2.json', pad_cases())
    write('pillow-ops.json', pil_cases())
    write('geometry.json', geometry_cases())
    write('decode.json', bmp_cases())


if __name__ == '__main__':
    main()
