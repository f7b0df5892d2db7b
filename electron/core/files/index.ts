// Public surface of the upload pipeline: file -> validated page images, thumbnails.
export { inspectUpload, type InspectOptions } from './inspect-upload';
export { makeThumbnail, rotateImage, type Thumbnail } from './thumbnail';
export {
  uploadLimits,
  type PageImage,
  type PageImageMime,
  type PageRotation,
  type UploadInput,
} from './page-image';
export { checkFileName, fileExtension } from './file-name';
export { sniffFormat, type PageFileFormat } from './sniff';
