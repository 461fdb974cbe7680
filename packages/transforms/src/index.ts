// Registration
export { register } from './register';

// Images and I/O
export { createImage, imageLike, cloneImage, pixelDtype, imageShape, isImage, defaultChannelOrder } from './image/image';
export type { Image, PixelData, PixelDtype, ChannelOrder, ImageLayout, CreateImageOptions } from './image/image';
export { decodeImage, readImage, COLOR_TYPES } from './image/decode';
export type { ColorType, DecodeOptions } from './image/decode';
export { encodeImage, writeImage } from './image/encode';
export type { EncodeFormat, EncodeOptions } from './image/encode';
export { decodeBmp } from './image/bmp';
export { detectImageFormat, SUPPORTED_FORMATS } from './image/image-format';
export type { ImageFormat } from './image/image-format';
export { bgrToGray, grayToBgr, swapRedBlue, cv2GrayUint8, pillowLuma } from './image/color';

// Image operations (OpenCV and Pillow semantics)
export type { Interpolation, PillowInterpolation, ResizeBackend } from './ops/interpolation';
export { resizeCv2 } from './ops/resize-cv2';
export { resizePillow } from './ops/resize-pillow';
export { imresize, rescaleSize, scaleSize } from './ops/imresize';
export { cropRegion, imcrop } from './ops/crop';
export { imflip } from './ops/flip';
export type { FlipDirection } from './ops/flip';
export { impad } from './ops/pad';
export type { PadOptions as ImpadOptions } from './ops/pad';
export { borderIndex, cv2Scalar } from './ops/border';
export type { PaddingMode } from './ops/border';
export { warpAffineCv2 } from './ops/warp-affine-cv2';
export type { AffineMatrix } from './ops/warp-affine-cv2';
export { imrotate, imshear, imtranslate } from './ops/geometric';
export type { RotateOptions as ImrotateOptions, ShiftOptions as ImshiftOptions } from './ops/geometric';
export { adjustBrightness, adjustContrast, adjustColor, adjustSharpness, filter3x3, imnormalize } from './ops/photometric-cv2';
export { equalize, autoContrast, posterize, solarize, invert, channelHistogram } from './ops/histogram-ops';
export {
  pillowBlend,
  pillowBrightness,
  pillowContrast,
  pillowColor,
  pillowSharpness,
  pillowSmooth,
  pillowAdjustHue,
} from './ops/pillow-enhance';
export type { PillowChannelOrder } from './ops/pillow-enhance';
export { pillowAffine, pillowRotate } from './ops/pillow-transform';
export type { PillowTransformInterpolation } from './ops/pillow-transform';
export { pillowGaussianBlur } from './ops/pillow-gaussian-blur';
export { roundHalfEven } from './ops/rounding';

// Pipeline
export type { Sample } from './pipeline/sample';
export { copySample } from './pipeline/sample';
export type { Transform, TransformFunction, TransformOutput, MaybePromise } from './pipeline/transform';
export { applyTransforms, isPromise } from './pipeline/transform';
export { resolveTransform, resolveTransforms, defaultTransformRegistry } from './pipeline/build-transform';
export type { TransformLike } from './pipeline/build-transform';
export { bindRegistry } from './pipeline/bind-registry';
export { Compose } from './pipeline/compose';
export type { ComposeOptions } from './pipeline/compose';
export { RandomApply } from './pipeline/random-apply';
export type { RandomApplyOptions } from './pipeline/random-apply';
export { RandomChoice } from './pipeline/random-choice';
export type { RandomChoiceOptions } from './pipeline/random-choice';
export { KeyMapper } from './pipeline/key-mapper';
export type { KeyMapperOptions, KeyMapping, KeyMappingValue } from './pipeline/key-mapper';
export { ApplyToList } from './pipeline/apply-to-list';
export type { ApplyToListOptions } from './pipeline/apply-to-list';
export { MultiView } from './pipeline/multi-view';
export type { MultiViewOptions } from './pipeline/multi-view';

// Loading and formatting
export { LoadImageFromFile } from './transforms/loading/load-image-from-file';
export type { LoadImageFromFileOptions } from './transforms/loading/load-image-from-file';
export { PackInputs, DEFAULT_META_KEYS, imageToChw } from './transforms/formatting/pack-inputs';
export type { PackInputsOptions } from './transforms/formatting/pack-inputs';
export { PackMultiTaskInputs } from './transforms/formatting/pack-multi-task-inputs';
export type { PackMultiTaskInputsOptions } from './transforms/formatting/pack-multi-task-inputs';
export { Transpose, transposeImage } from './transforms/formatting/transpose';
export { Collect } from './transforms/formatting/collect';
export { NumpyToPIL, PILToNumpy } from './transforms/formatting/pil-conversions';
export { ImageToTensor } from './transforms/formatting/image-to-tensor';
export type { TransposeOptions } from './transforms/formatting/transpose';
export type { CollectOptions } from './transforms/formatting/collect';
export type { NumpyToPILOptions, PILToNumpyOptions } from './transforms/formatting/pil-conversions';
export type { ImageToTensorOptions } from './transforms/formatting/image-to-tensor';

// Processing and augmentation
export { Resize } from './transforms/processing/resize';
export type { ResizeOptions } from './transforms/processing/resize';
export { RandomResize } from './transforms/processing/random-resize';
export type { RandomResizeOptions, ScalableResize } from './transforms/processing/random-resize';
export { RandomChoiceResize } from './transforms/processing/random-choice-resize';
export type { RandomChoiceResizeOptions } from './transforms/processing/random-choice-resize';
export { ResizeEdge } from './transforms/processing/resize-edge';
export type { ResizeEdgeOptions, Edge } from './transforms/processing/resize-edge';
export { CenterCrop } from './transforms/processing/center-crop';
export type { CenterCropOptions } from './transforms/processing/center-crop';
export { RandomCrop } from './transforms/processing/random-crop';
export type { RandomCropOptions } from './transforms/processing/random-crop';
export { RandomResizedCrop, centerFallback } from './transforms/processing/random-resized-crop';
export type { RandomResizedCropOptions, CropBox } from './transforms/processing/random-resized-crop';
export { EfficientNetRandomCrop, EfficientNetCenterCrop, efficientNetCenterBox } from './transforms/processing/efficientnet-crops';
export type { EfficientNetRandomCropOptions, EfficientNetCenterCropOptions } from './transforms/processing/efficientnet-crops';
export { RandomFlip } from './transforms/processing/random-flip';
export type { RandomFlipOptions } from './transforms/processing/random-flip';
export { RandomGrayscale } from './transforms/processing/random-grayscale';
export type { RandomGrayscaleOptions } from './transforms/processing/random-grayscale';
export { ColorJitter } from './transforms/processing/color-jitter';
export type { ColorJitterOptions } from './transforms/processing/color-jitter';
export { Lighting } from './transforms/processing/lighting';
export type { LightingOptions } from './transforms/processing/lighting';
export { Normalize } from './transforms/processing/normalize';
export type { NormalizeOptions } from './transforms/processing/normalize';
export { RandomErasing } from './transforms/processing/random-erasing';
export type { RandomErasingOptions } from './transforms/processing/random-erasing';
export { Pad } from './transforms/processing/pad';
export type { PadOptions } from './transforms/processing/pad';
export { BEiTMaskGenerator } from './transforms/processing/beit-mask-generator';
export { SimMIMMaskGenerator } from './transforms/processing/simmim-mask-generator';
export type { BEiTMaskGeneratorOptions } from './transforms/processing/beit-mask-generator';
export type { SimMIMMaskGeneratorOptions } from './transforms/processing/simmim-mask-generator';
export { Albumentations } from './transforms/processing/albumentations';

// Composed augmentation
export { BaseAugTransform } from './transforms/auto-augment/base-aug-transform';
export type { BaseAugOptions } from './transforms/auto-augment/base-aug-transform';
export { AutoContrast, Equalize, Invert, Posterize, Solarize, SolarizeAdd } from './transforms/auto-augment/pixel-ops';
export { Brightness, ColorTransform, Contrast, Sharpness } from './transforms/auto-augment/enhance-ops';
export { GaussianBlur } from './transforms/auto-augment/gaussian-blur';
export type { MagnitudeOptions } from './transforms/auto-augment/enhance-ops';
export type { SolarizeOptions, SolarizeAddOptions, PosterizeOptions } from './transforms/auto-augment/pixel-ops';
export type { GaussianBlurOptions } from './transforms/auto-augment/gaussian-blur';
export { Cutout } from './transforms/auto-augment/cutout';
export { Rotate } from './transforms/auto-augment/rotate';
export { Shear, Translate } from './transforms/auto-augment/shift-ops';
export type { CutoutOptions } from './transforms/auto-augment/cutout';
export type { RotateOptions } from './transforms/auto-augment/rotate';
export type { ShiftOptions } from './transforms/auto-augment/shift-ops';
export { AutoAugment } from './transforms/auto-augment/auto-augment';
export type { AutoAugmentOptions } from './transforms/auto-augment/auto-augment';
export { RandAugment } from './transforms/auto-augment/rand-augment';
export type { RandAugmentOptions } from './transforms/auto-augment/rand-augment';
export { AUTOAUG_POLICIES, RANDAUG_POLICIES } from './transforms/auto-augment/policies';
export { mergeHparams } from './transforms/auto-augment/merge-hparams';

// torchvision names
export { TorchvisionRandomResizedCrop } from './transforms/torchvision/random-resized-crop';
export { TorchvisionRandomHorizontalFlip } from './transforms/torchvision/random-horizontal-flip';
export { TorchvisionResize } from './transforms/torchvision/resize';
export { TorchvisionCenterCrop } from './transforms/torchvision/center-crop';
export type { TorchvisionRandomResizedCropOptions } from './transforms/torchvision/random-resized-crop';
export type { TorchvisionRandomHorizontalFlipOptions } from './transforms/torchvision/random-horizontal-flip';
export type { TorchvisionResizeOptions } from './transforms/torchvision/resize';
export type { TorchvisionCenterCropOptions } from './transforms/torchvision/center-crop';
export { TorchvisionColorJitter } from './transforms/torchvision/color-jitter';
export { TorchvisionTrivialAugmentWide } from './transforms/torchvision/trivial-augment-wide';
export type { TorchvisionColorJitterOptions } from './transforms/torchvision/color-jitter';
export type { TorchvisionTrivialAugmentWideOptions } from './transforms/torchvision/trivial-augment-wide';
export { TorchvisionPILToTensor, TorchvisionToTensor } from './transforms/torchvision/to-tensor';
export { TorchvisionConvertImageDtype } from './transforms/torchvision/convert-image-dtype';
export { TorchvisionNormalize } from './transforms/torchvision/normalize';
export { TorchvisionRandomErasing } from './transforms/torchvision/random-erasing';
export type { TorchvisionConvertImageDtypeOptions } from './transforms/torchvision/convert-image-dtype';
export type { TorchvisionNormalizeOptions } from './transforms/torchvision/normalize';
export type { TorchvisionRandomErasingOptions } from './transforms/torchvision/random-erasing';
export type { TorchvisionInterpolation } from './transforms/torchvision/torchvision-options';
