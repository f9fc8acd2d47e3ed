export * from './call.h5'
