export * from './document.h5'
