"""VisionTransformer and its heads with MMPretrain's (and MMCV's FFN/PatchEmbed) module names."""
import torch
import torch.nn as nn
import torch.nn.functional as F

ARCHS = {
    's': dict(embed_dims=768, num_layers=8, num_heads=8, feedforward_channels=768 * 3),
    'b': dict(embed_dims=768, num_layers=12, num_heads=12, feedforward_channels=3072),
    'l': dict(embed_dims=1024, num_layers=24, num_heads=16, feedforward_channels=4096),
    'deit-t': dict(embed_dims=192, num_layers=12, num_heads=3, feedforward_channels=192 * 4),
    'deit-s': dict(embed_dims=384, num_layers=12, num_heads=6, feedforward_channels=384 * 4),
    'deit-b': dict(embed_dims=768, num_layers=12, num_heads=12, feedforward_channels=768 * 4),
}


def resize_pos_embed(pos_embed, src_shape, dst_shape, mode='bicubic', num_extra_tokens=1):
    if tuple(src_shape) == tuple(dst_shape):
        return pos_embed
    _, length, channels = pos_embed.shape
    extra = pos_embed[:, :num_extra_tokens]
    weight = pos_embed[:, num_extra_tokens:].reshape(1, src_shape[0], src_shape[1], channels).permute(0, 3, 1, 2)
    weight = F.interpolate(weight, size=dst_shape, align_corners=False, mode=mode)
    weight = torch.flatten(weight, 2).transpose(1, 2)
    return torch.cat((extra, weight), dim=1)


class PatchEmbed(nn.Module):
    def __init__(self, in_channels, embed_dims, patch_size):
        super().__init__()
        self.patch_size = patch_size
        self.projection = nn.Conv2d(in_channels, embed_dims, patch_size, patch_size)

    def forward(self, x):
        height, width = x.shape[-2:]
        pad_h = (self.patch_size - height % self.patch_size) % self.patch_size
        pad_w = (self.patch_size - width % self.patch_size) % self.patch_size
        x = F.pad(x, (0, pad_w, 0, pad_h))
        x = self.projection(x)
        size = (x.shape[2], x.shape[3])
        return x.flatten(2).transpose(1, 2), size


class MultiheadAttention(nn.Module):
    def __init__(self, embed_dims, num_heads):
        super().__init__()
        self.num_heads = num_heads
        self.head_dims = embed_dims // num_heads
        self.qkv = nn.Linear(embed_dims, embed_dims * 3)
        self.proj = nn.Linear(embed_dims, embed_dims)

    def forward(self, x):
        batch, length, channels = x.shape
        qkv = self.qkv(x).reshape(batch, length, 3, self.num_heads, self.head_dims).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        attn = ((q @ k.transpose(-2, -1)) * self.head_dims ** -0.5).softmax(dim=-1)
        x = (attn @ v).transpose(1, 2).reshape(batch, length, channels)
        return self.proj(x)


class FFN(nn.Module):
    """MMCV's FFN: layers = Sequential(Sequential(Linear, GELU, Dropout), Linear, Dropout)."""

    def __init__(self, embed_dims, feedforward_channels):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Sequential(nn.Linear(embed_dims, feedforward_channels), nn.GELU(), nn.Dropout(0.0)),
            nn.Linear(feedforward_channels, embed_dims), nn.Dropout(0.0))

    def forward(self, x, identity):
        return identity + self.layers(x)


class TransformerEncoderLayer(nn.Module):
    def __init__(self, embed_dims, num_heads, feedforward_channels):
        super().__init__()
        self.ln1 = nn.LayerNorm(embed_dims, eps=1e-6)
        self.attn = MultiheadAttention(embed_dims, num_heads)
        self.ln2 = nn.LayerNorm(embed_dims, eps=1e-6)
        self.ffn = FFN(embed_dims, feedforward_channels)

    def forward(self, x):
        x = x + self.attn(self.ln1(x))
        return self.ffn(self.ln2(x), identity=x)


class VisionTransformer(nn.Module):
    num_extra_tokens = 1

    def __init__(self, arch='b', img_size=224, patch_size=16, out_type='cls_token', distilled=False):
        super().__init__()
        settings = ARCHS[arch] if isinstance(arch, str) else arch
        dims = settings['embed_dims']
        self.out_type = out_type
        self.patch_embed = PatchEmbed(3, dims, patch_size)
        self.patch_resolution = (img_size // patch_size, img_size // patch_size)
        self.distilled = distilled
        if distilled:
            self.num_extra_tokens = 2
        self.cls_token = nn.Parameter(torch.zeros(1, 1, dims))
        patches = self.patch_resolution[0] * self.patch_resolution[1]
        self.pos_embed = nn.Parameter(torch.zeros(1, patches + self.num_extra_tokens, dims))
        if distilled:
            # DistilledVisionTransformer registers its token after the parent's parameters.
            self.dist_token = nn.Parameter(torch.zeros(1, 1, dims))
        self.layers = nn.ModuleList([
            TransformerEncoderLayer(dims, settings['num_heads'], settings['feedforward_channels'])
            for _ in range(settings['num_layers'])])
        self.ln1 = nn.LayerNorm(dims, eps=1e-6)
        if out_type == 'avg_featmap':
            self.ln2 = nn.LayerNorm(dims, eps=1e-6)

    def forward(self, x):
        batch = x.shape[0]
        x, resolution = self.patch_embed(x)
        tokens = [self.cls_token.expand(batch, -1, -1)]
        if self.distilled:
            tokens.append(self.dist_token.expand(batch, -1, -1))
        x = torch.cat(tokens + [x], dim=1)
        x = x + resize_pos_embed(self.pos_embed, self.patch_resolution, resolution, 'bicubic', self.num_extra_tokens)
        for layer in self.layers:
            x = layer(x)
        x = self.ln1(x)
        if self.out_type == 'raw':
            return (x,)
        if self.out_type == 'cls_token':
            if self.distilled:
                return ((x[:, 0], x[:, 1]),)
            return (x[:, 0],)
        patches = x[:, self.num_extra_tokens:]
        if self.out_type == 'featmap':
            return (patches.reshape(batch, resolution[0], resolution[1], -1).permute(0, 3, 1, 2),)
        return (self.ln2(patches.mean(dim=1)),)


class VisionTransformerClsHead(nn.Module):
    def __init__(self, num_classes, in_channels, hidden_dim=None):
        super().__init__()
        self.hidden_dim = hidden_dim
        if hidden_dim is None:
            self.layers = nn.Sequential()
            self.layers.add_module('head', nn.Linear(in_channels, num_classes))
        else:
            self.layers = nn.Sequential()
            self.layers.add_module('pre_logits', nn.Linear(in_channels, hidden_dim))
            self.layers.add_module('act', nn.Tanh())
            self.layers.add_module('head', nn.Linear(hidden_dim, num_classes))

    def pre(self, token):
        if self.hidden_dim is None:
            return token
        return self.layers.act(self.layers.pre_logits(token))

    def forward(self, feats):
        return self.layers.head(self.pre(feats[-1]))


class DeiTClsHead(VisionTransformerClsHead):
    def __init__(self, num_classes, in_channels, hidden_dim=None):
        super().__init__(num_classes, in_channels, hidden_dim)
        self.layers.add_module('head_dist', nn.Linear(hidden_dim or in_channels, num_classes))

    def forward(self, feats):
        cls_token, dist_token = feats[-1]
        return (self.layers.head(self.pre(cls_token)) + self.layers.head_dist(self.pre(dist_token))) / 2
