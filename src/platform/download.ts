export * from './download.h5'
